package dev.llmfallback.weaver.aspectj;

import dev.llmfallback.internal.AnnotatedChains;
import java.lang.reflect.Method;
import org.aspectj.lang.ProceedingJoinPoint;
import org.aspectj.lang.annotation.Around;
import org.aspectj.lang.annotation.Aspect;
import org.aspectj.lang.reflect.MethodSignature;

/**
 * Runs the fallback chain of every method annotated {@link dev.llmfallback.LlmFallback} whose execution
 * it is woven into, compile-time or load-time.
 *
 * <p>Only {@code execution} join points: one call is intercepted once. The head proceeds with its own body
 * in place; an execution that is itself a link invoked by a running chain just proceeds with its own body. Everything else is the engine's; see the
 * rules in {@link dev.llmfallback}. A singleton aspect, stateless and thread-safe.
 */
@Aspect
public class LlmFallbackAspect {

    /** Called by AspectJ; the aspect holds no state. */
    public LlmFallbackAspect() {
        // stateless
    }

    /**
     * Around advice for the execution of any {@code @LlmFallback} method.
     *
     * @param call the intercepted execution
     * @return the chain's answer
     * @throws Throwable exactly what the engine throws (a link's failure unchanged, or
     *                   {@link dev.llmfallback.AllProvidersFailedException})
     */
    @Around("execution(@dev.llmfallback.LlmFallback * *(..))")
    public Object runChain(ProceedingJoinPoint call) throws Throwable {
        Method method = ((MethodSignature) call.getSignature()).getMethod();
        Object head = AnnotatedChains.enterHead(method);
        if (head == null) {
            return call.proceed();
        }
        if (head instanceof Method) {
            return AnnotatedChains.run(method, call.getThis(), call.getArgs());
        }
        // The head runs here, through this join point: calling the method again would be woven again.
        Object answer;
        try {
            answer = call.proceed();
        } catch (Throwable failure) {
            return AnnotatedChains.headFailed(head, failure, call.getThis(), call.getArgs());
        }
        AnnotatedChains.headAnswered(head);
        return answer;
    }
}
