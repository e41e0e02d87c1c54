package dev.llmfallback.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmfallback.spring.LlmFallbackAdvisor;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.aop.framework.Advised;
import org.springframework.aop.support.AopUtils;
import org.springframework.transaction.interceptor.BeanFactoryTransactionAttributeSourceAdvisor;

/**
 * {@link TransactionalChainTest}'s transactional chains under the java agent (surefire execution {@code under-agent}):
 * the agent weaves the chain into the method body, the proxy carries the transaction's advice only, and every call
 * is still one transaction and one chain.
 */
@Tag("agent")
class TransactionalChainUnderAgentTest extends TransactionalChainTest {

    @Test
    @Override
    void oneProxy_withTheTransactionOutsideTheChain() {
        assertThat(System.getProperty("dev.llmfallback.agent.active")).as("this test must run under the agent").isNotNull();
        assertThat(AopUtils.isCglibProxy(ledgered())).isTrue();
        assertThat(((Advised) ledgered()).getAdvisors()).hasExactlyElementsOfTypes(
                BeanFactoryTransactionAttributeSourceAdvisor.class).noneMatch(LlmFallbackAdvisor.class::isInstance);
    }
}
