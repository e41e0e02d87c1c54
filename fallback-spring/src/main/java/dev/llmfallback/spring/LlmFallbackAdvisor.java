package dev.llmfallback.spring;

import dev.llmfallback.spring.internal.ChainInterceptor;
import dev.llmfallback.spring.internal.HeadPointcut;
import org.aopalliance.aop.Advice;
import org.springframework.aop.Pointcut;
import org.springframework.aop.support.AbstractPointcutAdvisor;
import org.springframework.core.Ordered;

/**
 * The Spring AOP front door: on a bean's methods annotated {@link dev.llmfallback.LlmFallback}, a call through the
 * bean's proxy runs the method's fallback chain in the same engine as the java agent and the AspectJ aspect, with
 * the same rules and the same {@link dev.llmfallback.FallbackTrace}. The engine invokes the chain's other links
 * on the raw target object, never through the proxy, so a sibling reached by the chain starts no chain of its own.
 *
 * <p>What it matches: {@code @LlmFallback} methods that a class-based proxy can intercept (not static, private or
 * final), of classes that neither the agent nor AspectJ has woven; a woven class runs its chains itself, and a
 * call is never intercepted twice. What a proxy cannot see, the agent can: a head called on {@code this} inside its
 * own class bypasses the proxy, and private, final or static heads are not intercepted at all.
 *
 * <p>Ordered {@link Ordered#LOWEST_PRECEDENCE}, the innermost advice, next to the target: the whole chain runs
 * inside whatever other advice the bean has (a transaction, a cache), as it does when the agent weaves the method
 * itself. Spring's own advice defaults to the same order ({@code @EnableTransactionManagement},
 * {@code @EnableCaching}); between equal orders Spring keeps the advisors in registration order, outermost first, and
 * auto-configuration registers this one after the application's configuration, so it ends up innermost there too
 * (tested with {@code @Cacheable}). Stateless and thread-safe.
 */
public final class LlmFallbackAdvisor extends AbstractPointcutAdvisor {

    private static final long serialVersionUID = 1L;

    private final transient Pointcut pointcut = new HeadPointcut();
    private final transient Advice advice = new ChainInterceptor();

    /** Creates the advisor; {@link LlmFallbackConfiguration} registers one. */
    public LlmFallbackAdvisor() {
        setOrder(Ordered.LOWEST_PRECEDENCE);
    }

    @Override
    public Pointcut getPointcut() {
        return pointcut;
    }

    @Override
    public Advice getAdvice() {
        return advice;
    }
}
