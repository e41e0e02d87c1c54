package dev.llmfallback.weaver.agent;

import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isAnnotatedWith;
import static net.bytebuddy.matcher.ElementMatchers.isBridge;
import static net.bytebuddy.matcher.ElementMatchers.isNative;
import static net.bytebuddy.matcher.ElementMatchers.isSynthetic;
import static net.bytebuddy.matcher.ElementMatchers.isTypeInitializer;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.not;

import java.util.HashMap;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import net.bytebuddy.ClassFileVersion;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.dynamic.scaffold.TypeInitializer;
import net.bytebuddy.implementation.Implementation;
import net.bytebuddy.implementation.auxiliary.AuxiliaryType;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.pool.TypePool;
import net.bytebuddy.utility.OpenedClassReader;

/**
 * Weaves one candidate class with Byte Buddy's {@link Advice}, applied directly to the class file through
 * (Byte Buddy's copy of) ASM: {@link ChainAdvice} into each {@code @LlmFallback} method it declares (not
 * abstract, native, bridge or synthetic ones), and {@link InitializerAdvice} into its static initializer.
 * Made once, when the first candidate class appears, so that an application without one never loads Byte
 * Buddy. Works from class files only (a {@link TypePool} over the class's own loader): it loads
 * no class, and describes only the class being woven, the annotation and the engine. Immutable and
 * thread-safe.
 */
final class Weaver {

    static final String ANNOTATION = "dev.llmfallback.LlmFallback";
    static final String ENGINE = "dev.llmfallback.weaving.WovenChains";
    /** The engine method the advice needs that older versions of fallback-annotations lack. */
    static final String ENGINE_ENTRY = "failed";

    private static final ElementMatcher<MethodDescription> HEADS = isAnnotatedWith(named(ANNOTATION))
            .and(not(isAbstract().or(isNative()).or(isBridge()).or(isSynthetic())));

    /** Annotated methods nothing can intercept: abstract ones (interface methods without a body included). */
    private static final ElementMatcher<MethodDescription> ABSTRACT_HEADS = isAnnotatedWith(named(ANNOTATION))
            .and(isAbstract());

    private final ClassFileLocator agentClasses;
    /**
     * {@link ChainAdvice} as seen from each application class loader: its signature names the weaving ABI's
     * types, which only the application's copy of fallback-annotations holds (in a child loader, the agent's
     * own loader does not see them). Weakly keyed and weakly locating, so that no application loader is pinned.
     */
    private final Map<ClassLoader, Advice> chainAdvices = new WeakHashMap<>();
    private final Advice initializerAdvice;

    Weaver() {
        // The advice classes are read as class files through the agent's own loader, never loaded: they
        // refer to the engine, which this loader may not see (an application in a child class loader).
        agentClasses = ClassFileLocator.ForClassLoader.of(Weaver.class.getClassLoader());
        TypePool agentPool = TypePool.Default.of(agentClasses);
        String here = Weaver.class.getPackageName() + ".";
        initializerAdvice = Advice.to(agentPool.describe(here + "InitializerAdvice").resolve(), agentClasses);
    }

    /**
     * Weaves a class.
     *
     * @param loader         the class's loader, not the bootstrap loader
     * @param internalName   the class's name, with slashes
     * @param bytes          its class file
     * @param reportAtInit   whether to add the misconfiguration report to its static initializer, creating
     *                       one if the class has none (so, when retransforming, exactly if it was added at
     *                       load: retransformation adds or deletes no method)
     * @return the woven class file, or {@code null} if the class declares no method to weave
     * @throws Unweavable    if the class cannot be woven, with the reason
     */
    byte[] weave(ClassLoader loader, String internalName, byte[] bytes, boolean reportAtInit) throws Unweavable {
        return weave(loader, internalName, bytes, reportAtInit, warning -> { });
    }

    /**
     * Weaves a class, and tells {@code warnings} what in it does nothing: each {@code @LlmFallback} on an
     * abstract method, in one line naming the class, the method and the fix.
     *
     * @param loader         the class's loader, not the bootstrap loader
     * @param internalName   the class's name, with slashes
     * @param bytes          its class file
     * @param reportAtInit   as for {@link #weave(ClassLoader, String, byte[], boolean)}
     * @param warnings       receives the lines to warn with
     * @return the woven class file, or {@code null} if the class declares no method to weave
     * @throws Unweavable    if the class cannot be woven, with the reason
     */
    byte[] weave(ClassLoader loader, String internalName, byte[] bytes, boolean reportAtInit,
            Consumer<String> warnings) throws Unweavable {
        String name = internalName.replace('/', '.');
        ClassFileLocator locator = new ClassFileLocator.Compound(ClassFileLocator.Simple.of(name, bytes),
                ClassFileLocator.ForClassLoader.of(loader));
        TypePool pool = TypePool.Default.of(locator);
        TypePool.Resolution engine = pool.describe(ENGINE);
        if (!engine.isResolved()) {
            throw new Unweavable("its class loader does not see fallback-annotations (" + ENGINE + ")");
        }
        if (engine.resolve().getDeclaredMethods().filter(named(ENGINE_ENTRY)).isEmpty()) {
            throw new Unweavable("the fallback-annotations its class loader sees is older than this agent "
                    + "(no " + ENGINE + "." + ENGINE_ENTRY + "); use the agent of the same version");
        }
        TypeDescription type = pool.describe(name).resolve();
        for (MethodDescription ignored : type.getDeclaredMethods().filter(ABSTRACT_HEADS)) {
            warnings.accept(name + ": @LlmFallback on " + type.getSimpleName() + "." + ignored.getName()
                    + ignored.getParameters().asTypeList().asErasures().stream().map(TypeDescription::getSimpleName)
                            .collect(Collectors.joining(", ", "(", ")"))
                    + " does nothing: the method is abstract, so no execution of it can be intercepted, and the "
                    + "methods implementing it do not inherit the annotation. Fix: put @LlmFallback on the "
                    + "implementing method instead.");
        }
        if (type.getDeclaredMethods().filter(HEADS).isEmpty()) {
            return null;
        }
        return weave(chainAdvice(loader), type, pool, bytes, reportAtInit);
    }

    private byte[] weave(Advice chainAdvice, TypeDescription type, TypePool pool, byte[] bytes, boolean reportAtInit) {
        // Byte Buddy's advice straight onto ASM, without its type-writing machinery (redefine().make()),
        // which would load a few hundred more classes for nothing this needs: half the set-up time.
        AsmVisitorWrapper wrapper = reportAtInit
                ? new AsmVisitorWrapper.Compound(chainAdvice.on(HEADS), initializerAdvice.on(isTypeInitializer()))
                : chainAdvice.on(HEADS);
        int writerFlags = wrapper.mergeWriter(AsmVisitorWrapper.NO_FLAGS);
        int readerFlags = wrapper.mergeReader(AsmVisitorWrapper.NO_FLAGS);
        ClassReader reader = OpenedClassReader.of(bytes);
        ClassWriter writer = new ClassWriter(reader, writerFlags);
        ClassFileVersion version = ClassFileVersion.ofClassFile(bytes);
        // Inlined advice needs no auxiliary type, field or initializer code: a disabled context.
        Implementation.Context context = Implementation.Context.Disabled.Factory.INSTANCE.make(type,
                new AuxiliaryType.NamingStrategy.Suffixing("llmfallback"), TypeInitializer.None.INSTANCE,
                version, version, Implementation.Context.FrameGeneration.GENERATE);
        ClassVisitor visitor = wrapper.wrap(type, writer, context, pool, type.getDeclaredFields(),
                type.getDeclaredMethods(), writerFlags, readerFlags);
        if (reportAtInit) {
            visitor = new WithTypeInitializer(visitor);
        }
        reader.accept(visitor, readerFlags);
        return writer.toByteArray();
    }

    /**
     * Weaves a small class made here, with one {@code @LlmFallback} method, and discards the result: the first
     * weave loads and runs most of the Byte Buddy code every weave needs. The API types the advice names are
     * stood in for by empty class files of the same shape where the agent's own class loader does not see them
     * (in a Spring Boot fat jar it does not); the woven bytes are never defined, and the advice made for it is
     * not kept.
     *
     * @return the woven class file, to be thrown away
     * @throws RuntimeException if Byte Buddy cannot weave it (the caller only reports it)
     */
    byte[] warmUp() {
        String name = Weaver.class.getPackageName() + ".WarmUp";
        byte[] bytes = warmUpClass(name.replace('.', '/'));
        String entry = "dev/llmfallback/weaving/Entry";
        Map<String, byte[]> standIns = new HashMap<>();
        standIns.put(ANNOTATION, standIn(ANNOTATION.replace('.', '/'), Opcodes.ACC_PUBLIC | Opcodes.ACC_INTERFACE
                | Opcodes.ACC_ABSTRACT | Opcodes.ACC_ANNOTATION, "java/lang/annotation/Annotation"));
        standIns.put(ENGINE, standIn(ENGINE.replace('.', '/'), Opcodes.ACC_PUBLIC | Opcodes.ACC_FINAL, null));
        standIns.put(entry.replace('/', '.'), standIn(entry, Opcodes.ACC_PUBLIC | Opcodes.ACC_ABSTRACT, null));
        for (String nested : new String[] {"Deferred", "Started"}) {
            standIns.put(entry.replace('/', '.') + "$" + nested,
                    standIn(entry + "$" + nested, Opcodes.ACC_PUBLIC | Opcodes.ACC_FINAL, entry));
        }
        ClassFileLocator locator = new ClassFileLocator.Compound(ClassFileLocator.Simple.of(name, bytes),
                agentClasses, new ClassFileLocator.Simple(standIns));
        TypePool pool = TypePool.Default.of(locator);
        Advice advice = Advice.to(pool.describe(Weaver.class.getPackageName() + ".ChainAdvice").resolve(), locator);
        return weave(advice, pool.describe(name).resolve(), pool, bytes, true);
    }

    /** {@code final class WarmUp { @LlmFallback String first(String text) { return text; } }}, as a class file. */
    private static byte[] warmUpClass(String internalName) {
        ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_MAXS);
        writer.visit(Opcodes.V17, Opcodes.ACC_FINAL | Opcodes.ACC_SUPER, internalName, null, "java/lang/Object", null);
        MethodVisitor method = writer.visitMethod(0, "first", "(Ljava/lang/String;)Ljava/lang/String;", null, null);
        method.visitAnnotation("L" + ANNOTATION.replace('.', '/') + ";", true).visitEnd();
        method.visitCode();
        method.visitVarInsn(Opcodes.ALOAD, 1);
        method.visitInsn(Opcodes.ARETURN);
        method.visitMaxs(0, 0);
        method.visitEnd();
        writer.visitEnd();
        return writer.toByteArray();
    }

    /** An empty class file: a class extending {@code superName} (or an interface extending {@code superName}). */
    private static byte[] standIn(String internalName, int access, String superName) {
        ClassWriter writer = new ClassWriter(0);
        boolean isInterface = (access & Opcodes.ACC_INTERFACE) != 0;
        writer.visit(Opcodes.V17, access, internalName, null,
                isInterface || superName == null ? "java/lang/Object" : superName,
                isInterface ? new String[] {superName} : null);
        writer.visitEnd();
        return writer.toByteArray();
    }

    private Advice chainAdvice(ClassLoader loader) {
        synchronized (chainAdvices) {
            Advice advice = chainAdvices.get(loader);
            if (advice == null) {
                ClassFileLocator both = new ClassFileLocator.Compound(agentClasses,
                        ClassFileLocator.ForClassLoader.WeaklyReferenced.of(loader));
                advice = Advice.to(TypePool.Default.of(both).describe(Weaver.class.getPackageName() + ".ChainAdvice")
                        .resolve(), both);
                chainAdvices.put(loader, advice);
            }
            return advice;
        }
    }

    /**
     * Gives a class without a static initializer an empty one, before the advice sees the class, so that
     * the initializer advice has a method to go into.
     */
    private static final class WithTypeInitializer extends ClassVisitor {

        private boolean seen;

        WithTypeInitializer(ClassVisitor next) {
            super(OpenedClassReader.ASM_API, next);
        }

        @Override
        public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                String[] exceptions) {
            seen |= MethodDescription.TYPE_INITIALIZER_INTERNAL_NAME.equals(name);
            return super.visitMethod(access, name, descriptor, signature, exceptions);
        }

        @Override
        public void visitEnd() {
            if (!seen) {
                MethodVisitor initializer = super.visitMethod(Opcodes.ACC_STATIC,
                        MethodDescription.TYPE_INITIALIZER_INTERNAL_NAME, "()V", null, null);
                if (initializer != null) {
                    initializer.visitCode();
                    initializer.visitInsn(Opcodes.RETURN);
                    initializer.visitMaxs(0, 0);
                    initializer.visitEnd();
                }
            }
            super.visitEnd();
        }
    }

    /** A class the agent cannot weave, and why, in words for the one warning line. */
    static final class Unweavable extends Exception {

        private static final long serialVersionUID = 1L;

        Unweavable(String reason) {
            super(reason, null, false, false);
        }
    }
}
