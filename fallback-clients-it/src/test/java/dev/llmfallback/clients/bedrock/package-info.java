/** The AWS SDK v2 Bedrock Runtime client's Converse call, classified against a fake Bedrock. */
package dev.llmfallback.clients.bedrock;
