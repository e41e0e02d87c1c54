package dev.llmfallback.internal.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.llmfallback.Always;
import dev.llmfallback.FallbackConfigurationException;
import dev.llmfallback.LlmFallback;
import dev.llmfallback.SkipPredicate;
import java.lang.reflect.Method;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * How annotated chains are resolved and validated ({@link PlanResolver}, through {@link AnnotatedChains}):
 * what is rejected, with which message, and what is accepted.
 */
class PlanResolutionTest {

    private static Method method(Class<?> type, String name, Class<?>... parameters) throws NoSuchMethodException {
        return type.getDeclaredMethod(name, parameters);
    }

    /** The message of the {@link FallbackConfigurationException} resolving {@code head} throws. */
    private static String rejection(Method head) {
        Throwable thrown = catchThrowable(() -> AnnotatedChains.plan(head));
        assertThat(thrown).as("%s must be rejected", head).isExactlyInstanceOf(FallbackConfigurationException.class);
        assertThat(thrown.getMessage()).startsWith("Invalid @LlmFallback on ").contains("Fix: ");
        return thrown.getMessage();
    }

    private static void accepted(Method head) {
        assertThatCode(() -> AnnotatedChains.plan(head)).as("%s must resolve", head).doesNotThrowAnyException();
    }

    // ---- synchronized links that a worker thread would run while the caller holds their monitor ----------

    @SuppressWarnings("unused")
    static class Synchronized {
        @LlmFallback(next = "plain", timeout = "10s")
        synchronized String timedHead(String prompt) {
            return "head";
        }

        @LlmFallback(next = "plain", deadline = "30s")
        synchronized String headUnderDeadline(String prompt) {
            return "head";
        }

        @LlmFallback(next = "timedSynchronizedLink")
        synchronized String headWithTimedSynchronizedLink(String prompt) {
            return "head";
        }

        @LlmFallback(next = "plainTimed")
        synchronized String headWithTimedPlainLink(String prompt) {
            return "head";
        }

        @LlmFallback(next = "synchronizedLink", timeout = "10s")
        String timedPlainHead(String prompt) {
            return "head";
        }

        @LlmFallback(next = "synchronizedAsyncLink", timeout = "10s", deadline = "30s")
        synchronized CompletableFuture<String> asyncHead(String prompt) {
            return CompletableFuture.completedFuture("head");
        }

        @LlmFallback(next = "plain", timeout = "10s")
        synchronized String timedLink(String prompt) {
            return "link";
        }

        @LlmFallback(timeout = "10s")
        synchronized String timedSynchronizedLink(String prompt) {
            return "link";
        }

        @LlmFallback(timeout = "10s")
        String plainTimed(String prompt) {
            return "link";
        }

        synchronized String synchronizedLink(String prompt) {
            return "link";
        }

        synchronized CompletableFuture<String> synchronizedAsyncLink(String prompt) {
            return CompletableFuture.completedFuture("link");
        }

        String plain(String prompt) {
            return "link";
        }
    }

    @SuppressWarnings("unused")
    static class StaticBase {
        @LlmFallback(timeout = "10s")
        static synchronized String inheritedTimed(String prompt) {
            return "link";
        }
    }

    @SuppressWarnings("unused")
    static class StaticSynchronized extends StaticBase {
        @LlmFallback(next = "plain", timeout = "10s")
        static synchronized String timedHead(String prompt) {
            return "head";
        }

        @LlmFallback(next = "ownTimed")
        static synchronized String headWithOwnTimedLink(String prompt) {
            return "head";
        }

        @LlmFallback(next = "inheritedTimed")
        static synchronized String headWithInheritedTimedLink(String prompt) {
            return "head";
        }

        @LlmFallback(timeout = "10s")
        static synchronized String ownTimed(String prompt) {
            return "link";
        }

        static String plain(String prompt) {
            return "link";
        }
    }

    @Test
    public void synchronizedHead_withATimeout_isRejected() throws Exception {
        String message = rejection(method(Synchronized.class, "timedHead", String.class));

        assertThat(message).startsWith("Invalid @LlmFallback on Synchronized.timedHead(String): it is synchronized")
                .contains("timeout = \"10s\"", "worker thread", "cannot take the monitor")
                .contains("Fix: remove synchronized (lock inside the provider on a lock of your own)")
                .contains("timeout and deadline");
    }

    @Test
    public void synchronizedHead_underADeadline_isRejected() throws Exception {
        String message = rejection(method(Synchronized.class, "headUnderDeadline", String.class));

        assertThat(message).startsWith("Invalid @LlmFallback on Synchronized.headUnderDeadline(String): "
                + "it is synchronized").contains("deadline = \"30s\"", "worker thread");
    }

    @Test
    public void synchronizedHead_withASynchronizedTimedLink_isRejected_namingTheLink() throws Exception {
        String message = rejection(method(Synchronized.class, "headWithTimedSynchronizedLink", String.class));

        assertThat(message).startsWith("Invalid @LlmFallback on Synchronized.timedSynchronizedLink(String) (in the "
                + "chain that starts at Synchronized.headWithTimedSynchronizedLink(String)): it is synchronized")
                .contains("timeout = \"10s\"", "worker thread", "remove synchronized from timedSynchronizedLink");
    }

    @Test
    public void staticSynchronizedChains_areRejected_onlyWhereTheMonitorIsTheHeads() throws Exception {
        assertThat(rejection(method(StaticSynchronized.class, "timedHead", String.class)))
                .startsWith("Invalid @LlmFallback on StaticSynchronized.timedHead(String): it is synchronized");
        assertThat(rejection(method(StaticSynchronized.class, "headWithOwnTimedLink", String.class)))
                .startsWith("Invalid @LlmFallback on StaticSynchronized.ownTimed(String) (in the chain");
        // A static synchronized method inherited from StaticBase locks StaticBase.class, not the head's class.
        accepted(method(StaticSynchronized.class, "headWithInheritedTimedLink", String.class));
    }

    @Test
    public void synchronizedChains_areAccepted_whereNoWorkerNeedsTheCallersMonitor() throws Exception {
        // The timed link is not synchronized: its worker takes no monitor.
        accepted(method(Synchronized.class, "headWithTimedPlainLink", String.class));
        // The head is not synchronized: the caller holds no monitor, the untimed link runs on the caller.
        accepted(method(Synchronized.class, "timedPlainHead", String.class));
        // An async head returns at once and releases the monitor; later links do not wait for it.
        accepted(method(Synchronized.class, "asyncHead", String.class));
    }

    // ---- abstract methods: nothing intercepts them, implementations do not inherit the annotation -------

    interface Api {
        @LlmFallback(next = "fallback")
        String call(String prompt);

        String fallback(String prompt);
    }

    abstract static class AbstractClient {
        @LlmFallback(next = "fallback")
        abstract String call(String prompt);

        String fallback(String prompt) {
            return "fallback";
        }
    }

    @Test
    public void misconfigurations_reportAnnotatedAbstractMethods() {
        assertThat(AnnotatedChains.misconfigurations(Api.class)).singleElement().asString()
                .startsWith("Invalid @LlmFallback on Api.call(String): the method is abstract")
                .contains("do not inherit").endsWith("Fix: put @LlmFallback on the implementing method.");
        assertThat(AnnotatedChains.misconfigurations(AbstractClient.class)).singleElement().asString()
                .startsWith("Invalid @LlmFallback on AbstractClient.call(String): the method is abstract")
                .endsWith("Fix: put @LlmFallback on the implementing method.");
    }

    // ---- durations too long for a long of nanoseconds ---------------------------------------------------

    @SuppressWarnings("unused")
    static class TooLong {
        @LlmFallback(next = "plain", timeout = "9999999999999999s")
        String secondsOverflowingNanos(String prompt) {
            return "head";
        }

        @LlmFallback(next = "plain", timeout = "99999999999999999999s")
        String numberOverflowingLong(String prompt) {
            return "head";
        }

        @LlmFallback(next = "plain", deadline = "PT3000000H")
        String isoDeadline(String prompt) {
            return "head";
        }

        @LlmFallback(next = "plain", timeout = "PT2562047H47M16.854775807S")
        String longest(String prompt) {
            return "head";
        }

        String plain(String prompt) {
            return "link";
        }
    }

    @Test
    public void durations_tooLongForNanoseconds_sayWhatWasWrittenAndTheMaximum() {
        for (String tooLong : java.util.List.of("9999999999999999s", "99999999999999999999s", "PT3000000H",
                "9999999999999999h", "99999999999999999ms", "PT99999999999999999999S", "PT2562047H47M16.854775808S",
                "2562047h47m17s")) {
            Throwable thrown = catchThrowable(() -> Durations.parse(tooLong));
            assertThat(thrown).as(tooLong).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("\"" + tooLong + "\" is too long: the longest timeout or deadline is what fits in "
                            + "a long of nanoseconds, about 292 years");
        }
        assertThat(Durations.parse("PT2562047H47M16.854775807S").toNanos()).isEqualTo(Long.MAX_VALUE);
        assertThat(Durations.parse("2562047h47m16s").toNanos()).isPositive();
    }

    @Test
    public void durations_tooLong_areMisconfigurations_notUnresolvableChains() throws Exception {
        assertThat(rejection(method(TooLong.class, "secondsOverflowingNanos", String.class))).isEqualTo(
                "Invalid @LlmFallback on TooLong.secondsOverflowingNanos(String): timeout = \"9999999999999999s\" is "
                        + "too long: the longest timeout or deadline is what fits in a long of nanoseconds, about 292 "
                        + "years. Fix: write a shorter timeout, e.g. timeout = \"10s\".");
        assertThat(rejection(method(TooLong.class, "numberOverflowingLong", String.class)))
                .contains("timeout = \"99999999999999999999s\" is too long", "about 292 years")
                .doesNotContain("For input string");
        assertThat(rejection(method(TooLong.class, "isoDeadline", String.class)))
                .contains("deadline = \"PT3000000H\" is too long", "Fix: write a shorter deadline")
                .doesNotContain("overflow", "class path");
        accepted(method(TooLong.class, "longest", String.class));
    }

    // ---- predicates: a declared INSTANCE serves whatever the class's abstractness -----------------------

    abstract static class AbstractWithInstance implements SkipPredicate {
        public static final AbstractWithInstance INSTANCE = new AbstractWithInstance() {
            @Override
            public boolean shouldSkip(Throwable failure) {
                return true;
            }
        };
    }

    interface InterfaceWithInstance extends SkipPredicate {
        InterfaceWithInstance INSTANCE = failure -> true;
    }

    abstract static class AbstractWithoutInstance implements SkipPredicate {
    }

    static final class InstanceOfAnotherType implements SkipPredicate {
        public static final SkipPredicate INSTANCE = Always.INSTANCE;

        @Override
        public boolean shouldSkip(Throwable failure) {
            return false;
        }
    }

    static class Lenient implements SkipPredicate {
        public static final Lenient INSTANCE = new Lenient();

        @Override
        public boolean shouldSkip(Throwable failure) {
            return true;
        }
    }

    /** Inherits Lenient.INSTANCE, which is not one of its own: its constructor serves. */
    public static final class Strict extends Lenient {
        @Override
        public boolean shouldSkip(Throwable failure) {
            return false;
        }
    }

    @SuppressWarnings("unused")
    static class WithAbstractPredicate {
        @LlmFallback(next = "plain", skipOn = InterfaceWithInstance.class)
        String head(String prompt) {
            return "head";
        }

        @LlmFallback(next = "plain", skipOn = AbstractWithoutInstance.class)
        String unusable(String prompt) {
            return "head";
        }

        String plain(String prompt) {
            return "link";
        }
    }

    @Test
    public void predicates_abstractOrInterface_areServedByTheirInstance() throws Exception {
        assertThat(Predicates.instance(AbstractWithInstance.class)).isSameAs(AbstractWithInstance.INSTANCE);
        assertThat(Predicates.instance(InterfaceWithInstance.class)).isSameAs(InterfaceWithInstance.INSTANCE);
        Class<? extends SkipPredicate> hidden = Class.forName("dev.llmfallback.outside.PackagePrivatePredicates$Hidden")
                .asSubclass(SkipPredicate.class);
        assertThat(Predicates.instance(hidden)).isInstanceOf(hidden);
        Class<? extends SkipPredicate> hiddenConcrete = Class.forName(
                "dev.llmfallback.outside.PackagePrivatePredicates$HiddenConcrete").asSubclass(SkipPredicate.class);
        assertThat(Predicates.instance(hiddenConcrete)).isInstanceOf(hiddenConcrete);
        accepted(method(WithAbstractPredicate.class, "head", String.class));
    }

    @Test
    public void predicates_onlyAnInstanceOfTheirOwn_declaredByThemselves_serves() {
        assertThat(Predicates.instance(Strict.class)).isExactlyInstanceOf(Strict.class);
        assertThat(catchThrowable(() -> Predicates.instance(InstanceOfAnotherType.class)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("its INSTANCE field holds a dev.llmfallback.Always, not an instance of "
                        + "InstanceOfAnotherType");
    }

    @Test
    public void predicates_abstractWithoutInstance_areRejected_sayingWhatWouldServe() throws Exception {
        assertThat(rejection(method(WithAbstractPredicate.class, "unusable", String.class)))
                .contains("skipOn = " + AbstractWithoutInstance.class.getName() + ".class cannot be used: it is "
                        + "abstract and has no public static final INSTANCE field")
                .endsWith("Fix: give AbstractWithoutInstance a public static final INSTANCE field holding an "
                        + "instance of it.");
    }

    // ---- classes without a simple name ------------------------------------------------------------------

    enum Kind {
        ONE {
            @SuppressWarnings("unused")
            @LlmFallback(next = "missing")
            String a(String prompt) {
                return "a";
            }
        },
        TWO
    }

    @Test
    public void messages_nameAnonymousClasses_andEnumConstantBodies() throws Exception {
        Object anonymous = new Object() {
            @SuppressWarnings("unused")
            @LlmFallback(next = "missing")
            String a(String prompt) {
                return "a";
            }
        };
        String binaryName = anonymous.getClass().getName();
        String anonymousName = binaryName.substring(binaryName.lastIndexOf('.') + 1);

        assertThat(anonymousName).startsWith("PlanResolutionTest$");
        assertThat(rejection(method(anonymous.getClass(), "a", String.class))).startsWith("Invalid @LlmFallback on "
                + anonymousName + ".a(String): next = \"missing\" names no method of " + anonymousName + " ");
        assertThat(rejection(method(Kind.ONE.getClass(), "a", String.class))).startsWith("Invalid @LlmFallback on "
                + "Kind.ONE.a(String): next = \"missing\" names no method of Kind.ONE ");
    }

    // ---- next naming an inherited interface default method -----------------------------------------------

    interface LocalModel {
        default String local(String prompt) {
            return "default body";
        }
    }

    interface Midway extends LocalModel {
    }

    interface NewerLocalModel extends LocalModel {
        @Override
        default String local(String prompt) {
            return "newer default body";
        }
    }

    static class WithDefault implements LocalModel {
        @LlmFallback(next = "local", skipOn = Always.class)
        String head(String prompt) {
            throw new IllegalStateException("down");
        }
    }

    static class OverridesTheDefault extends WithDefault {
        @Override
        public String local(String prompt) {
            return "override";
        }
    }

    static class ViaSuperinterface implements Midway {
        @LlmFallback(next = "local", skipOn = Always.class)
        String head(String prompt) {
            throw new IllegalStateException("down");
        }
    }

    static class ViaSuperclass extends WithDefault {
        @LlmFallback(next = "local", skipOn = Always.class)
        String ownHead(String prompt) {
            throw new IllegalStateException("down");
        }
    }

    static class BothInterfaces implements LocalModel, NewerLocalModel {
        @LlmFallback(next = "local", skipOn = Always.class)
        String head(String prompt) {
            throw new IllegalStateException("down");
        }
    }

    static class OwnLocal implements LocalModel {
        @LlmFallback(next = "local", skipOn = Always.class)
        String head(String prompt) {
            throw new IllegalStateException("down");
        }

        @Override
        public String local(String prompt) {
            return "own";
        }
    }

    private static Object run(Class<?> type, String head, Object target) throws Throwable {
        return dev.llmfallback.internal.run.Engine.run(AnnotatedChains.plan(method(type, head, String.class)).chain(), target,
                new Object[] {"prompt"});
    }

    @Test
    public void next_mayNameAnInheritedDefaultMethod_whoseBodyTheChainRuns() throws Throwable {
        assertThat(run(WithDefault.class, "head", new WithDefault())).isEqualTo("default body");
        assertThat(run(ViaSuperinterface.class, "head", new ViaSuperinterface())).isEqualTo("default body");
        assertThat(run(ViaSuperclass.class, "ownHead", new ViaSuperclass())).isEqualTo("default body");
        // The most specific default, as the JVM would choose it.
        assertThat(run(BothInterfaces.class, "head", new BothInterfaces())).isEqualTo("newer default body");
        // A method of the class comes before any default.
        assertThat(run(OwnLocal.class, "head", new OwnLocal())).isEqualTo("own");
    }

    abstract static class Implementing implements Api {
        @LlmFallback(next = "fallback")
        public String head(String prompt) {
            return "head";
        }
    }

    @Test
    public void next_namingAnInheritedAbstractInterfaceMethod_isRejectedAsAbstract() throws Exception {
        assertThat(rejection(method(Implementing.class, "head", String.class)))
                .contains("next = \"fallback\" names Api.fallback(String), which is abstract");
    }

    @Test
    public void aDefaultMethodLink_runsExactlyItsOwnBody_notASubclassOverride() throws Throwable {
        assertThat(run(WithDefault.class, "head", new OverridesTheDefault())).isEqualTo("default body");
    }
}
