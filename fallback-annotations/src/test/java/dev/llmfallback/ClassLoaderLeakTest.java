package dev.llmfallback;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.ref.WeakReference;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/**
 * Redeploying an application must not leak its class loader through the per-thread state llm-fallback keeps
 * on a container's long-lived threads: each deployment (llm-fallback and the app in a loader of their own)
 * runs a chain on one pool thread that outlives all of them, and every undeployed loader must be collectable
 * while that thread still runs.
 */
class ClassLoaderLeakTest {

    private static final int DEPLOYMENTS = 20;

    @Test
    public void undeployedApplications_areCollected_whileTheContainersThreadLivesOn() throws Exception {
        assertUndeployedLoadersCollected("dev.llmfallback.leak.Deployment");
    }

    @Test
    public void undeployedApplicationsWithAnnotatedChains_areCollected_whileTheContainersThreadLivesOn() throws Exception {
        assertUndeployedLoadersCollected("dev.llmfallback.leak.AnnotatedDeployment");
    }

    private static void assertUndeployedLoadersCollected(String deploymentClass) throws Exception {
        URL library = FallbackChain.class.getProtectionDomain().getCodeSource().getLocation();
        URL app = ClassLoaderLeakTest.class.getProtectionDomain().getCodeSource().getLocation();
        ExecutorService containerThread = Executors.newSingleThreadExecutor();
        try {
            List<WeakReference<ClassLoader>> undeployed = new ArrayList<>();
            for (int i = 0; i < DEPLOYMENTS; i++) {
                undeployed.add(deployRunAndUndeploy(containerThread, library, app, deploymentClass));
            }
            assertThat(collected(undeployed)).as("undeployed class loaders collected").isEqualTo(DEPLOYMENTS);
        } finally {
            containerThread.shutdownNow();
        }
    }

    private static WeakReference<ClassLoader> deployRunAndUndeploy(ExecutorService thread, URL library, URL app,
            String deploymentClass) throws Exception {
        try (URLClassLoader loader = new URLClassLoader(new URL[] {library, app}, ClassLoader.getPlatformClassLoader())) {
            assertThat(loader.loadClass(FallbackChain.class.getName())).as("a copy of its own").isNotSameAs(FallbackChain.class);
            Callable<?> deployment = (Callable<?>) loader.loadClass(deploymentClass)
                    .getConstructor().newInstance();
            assertThat(thread.submit(deployment).get().toString())
                    .contains("anthropic FAILED 529 overloaded").contains("openai SUCCEEDED");
            return new WeakReference<>(loader);
        }
    }

    /** Full collections until every loader is gone, or a bounded number of tries. */
    private static int collected(List<WeakReference<ClassLoader>> loaders) {
        for (int attempt = 0; attempt < 50; attempt++) {
            System.gc();
            long gone = loaders.stream().filter(ref -> ref.get() == null).count();
            if (gone == loaders.size()) {
                return (int) gone;
            }
            // Encourage reference processing between attempts without sleeping.
            byte[][] churn = new byte[64][];
            for (int i = 0; i < churn.length; i++) {
                churn[i] = new byte[1 << 16];
            }
        }
        return (int) loaders.stream().filter(ref -> ref.get() == null).count();
    }
}
