/** A redeployable application for the class-loader leak test. */
package dev.llmfallback.leak;
