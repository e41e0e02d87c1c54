package dev.llmfallback.spring.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmfallback.spring.LlmFallbackAdvisor;
import dev.llmfallback.tck.fixtures.StaticChain;
import dev.llmfallback.tck.fixtures.ThreeProviders;
import dev.llmfallback.tck.fixtures.Visibilities;
import org.junit.jupiter.api.Test;
import org.springframework.aop.support.AopUtils;

/**
 * Which methods the Spring door takes: annotated heads a class-based proxy can intercept, of classes no other
 * front door wove. The class compile-time woven by ajc is fallback-examples' offline Summarizer.
 */
class HeadPointcutTest {

    private static final Class<?> WOVEN_BY_AJC = dev.llmfallback.examples.offline.Summarizer.class;

    @Test
    void annotatedPublicMethod_ofAnUnwovenClass_isTaken() throws Exception {
        assertThat(Weaving.of(ThreeProviders.class)).isEqualTo(Weaving.NONE);
        assertThat(HeadPointcut.isProxiedHead(ThreeProviders.class.getMethod("callAnthropic", String.class))).isTrue();
        assertThat(AopUtils.canApply(new LlmFallbackAdvisor(), ThreeProviders.class)).isTrue();
    }

    @Test
    void unannotated_private_final_andStaticMethods_areNotTaken() throws Exception {
        assertThat(HeadPointcut.isProxiedHead(ThreeProviders.class.getMethod("callLocal", String.class))).isFalse();
        assertThat(HeadPointcut.isProxiedHead(
                Visibilities.class.getDeclaredMethod("privateSibling", String.class))).isFalse();
        assertThat(HeadPointcut.isProxiedHead(
                Visibilities.class.getDeclaredMethod("finalSibling", String.class))).isFalse();
        assertThat(HeadPointcut.isProxiedHead(StaticChain.class.getMethod("first", String.class))).isFalse();
        assertThat(AopUtils.canApply(new LlmFallbackAdvisor(), StaticChain.class)).isFalse();
    }

    @Test
    void classWovenByAspectJ_isLeftToTheAspect() throws Exception {
        assertThat(Weaving.of(WOVEN_BY_AJC)).isEqualTo(Weaving.ASPECTJ);
        assertThat(HeadPointcut.isProxiedHead(WOVEN_BY_AJC.getMethod("callAnthropic", String.class))).isFalse();
        assertThat(AopUtils.canApply(new LlmFallbackAdvisor(), WOVEN_BY_AJC)).isFalse();
    }
}
