package dev.llmfallback.agentit.apps;

import dev.llmfallback.FallbackTrace;
import dev.llmfallback.agentit.demo.Summarizer;
import java.util.concurrent.Callable;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.implementation.FixedValue;
import net.bytebuddy.matcher.ElementMatchers;

/**
 * An application that uses its own Byte Buddy (as Mockito and Hibernate do), at a version other than the
 * agent's, next to an {@code @LlmFallback} chain. Prints where its Byte Buddy came from, a class it made
 * with it, and the chain's answer and trace.
 */
public final class OtherByteBuddyApp {

    private OtherByteBuddyApp() {
    }

    /**
     * Uses both.
     *
     * @param args ignored
     * @throws Exception if Byte Buddy fails
     */
    public static void main(String[] args) throws Exception {
        System.out.println("app byte buddy: " + ByteBuddy.class.getProtectionDomain().getCodeSource().getLocation());
        Callable<?> made = new ByteBuddy()
                .subclass(Callable.class)
                .method(ElementMatchers.named("call"))
                .intercept(FixedValue.value("made by the app's Byte Buddy"))
                .make()
                .load(OtherByteBuddyApp.class.getClassLoader())
                .getLoaded()
                .getDeclaredConstructor()
                .newInstance();
        System.out.println("app made: " + made.call());
        System.out.println("answer: " + new Summarizer().callAnthropic("prompt"));
        System.out.println("trace: " + FallbackTrace.current());
    }
}
