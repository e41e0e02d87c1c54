/** Spring Boot applications the starter's tests start. */
package dev.llmfallback.spring.boot.app;
