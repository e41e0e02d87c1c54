/**
 * Not API, may change without notice: provider health (SPEC §9), one lock-free cell per provider label.
 */
package dev.llmfallback.internal.health;
