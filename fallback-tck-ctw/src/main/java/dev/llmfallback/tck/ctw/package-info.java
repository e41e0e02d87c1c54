/**
 * Holds no code of its own: ajc weaves the fallback-tck jar's classes into this module's output, and the
 * tests of this module run the behaviour suite against those woven copies.
 */
package dev.llmfallback.tck.ctw;
