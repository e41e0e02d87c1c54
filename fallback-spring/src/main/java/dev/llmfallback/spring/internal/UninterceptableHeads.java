package dev.llmfallback.spring.internal;

import dev.llmfallback.LlmFallback;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.asm.ClassReader;
import org.springframework.asm.ClassVisitor;
import org.springframework.asm.Handle;
import org.springframework.asm.MethodVisitor;
import org.springframework.asm.Opcodes;
import org.springframework.asm.Type;

/**
 * Finds the {@code @LlmFallback} heads of one class whose calls the Spring AOP front door cannot see, and says so
 * in one line each, with the fix:
 * <ul>
 *   <li>a head that is {@code private}, {@code final} or {@code static}: no class-based proxy can override it, so
 *       calling it runs its own body only. A method that is a link of another head's chain ({@code next} names
 *       it) is not a head, and may be anything: the engine calls links directly.</li>
 *   <li>a head called inside its own class, on a reference of that class (typically {@code this.summarize(...)}
 *       or an unqualified {@code summarize(...)}, or a method reference {@code this::summarize}), from an instance
 *       method or a lambda in it: such a call does not go through the proxy. Found by reading the class file (Spring's ASM) for {@code invokevirtual} and
 *       {@code invokespecial} of the head with the class as owner; static methods are left out, since they have
 *       no {@code this}. A call on another instance of the class held by one of its own methods
 *       ({@code other.summarize(...)}) looks the same in the class file and is reported too.</li>
 * </ul>
 * The java agent has neither hole: it weaves the method itself. Stateless and thread-safe; reads class files
 * through the class's own loader, loads no class.
 */
final class UninterceptableHeads {

    private UninterceptableHeads() {
    }

    /**
     * The warnings for the heads {@code type} declares, and for the heads it or its superclasses declare that its
     * own code calls on itself.
     *
     * @param type a bean class no other front door weaves
     * @return one line per head, empty if there is nothing to say
     */
    static List<String> of(Class<?> type) {
        List<String> warnings = new ArrayList<>();
        Set<String> links = links(type);
        Map<String, Method> proxiedHeads = new LinkedHashMap<>();
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Method method : declaredMethods(c)) {
                if (!method.isAnnotationPresent(LlmFallback.class) || method.isBridge() || method.isSynthetic()
                        || Modifier.isAbstract(method.getModifiers())) {
                    continue;
                }
                String key = method.getName() + Type.getMethodDescriptor(method);
                if (HeadPointcut.isProxiedHead(method)) {
                    proxiedHeads.putIfAbsent(key, method);
                } else if (c == type && !links.contains(method.getName()) && Weaving.of(c) == Weaving.NONE) {
                    warnings.add(unproxyable(method));
                }
            }
        }
        if (!proxiedHeads.isEmpty()) {
            selfCalls(type, proxiedHeads.keySet()).forEach((head, callers) ->
                    warnings.add(calledOnThis(type, proxiedHeads.get(head), callers)));
        }
        return warnings;
    }

    /** The names {@code next} points at anywhere in the class's hierarchy: those methods are links. */
    private static Set<String> links(Class<?> type) {
        Set<String> links = new HashSet<>();
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Method method : declaredMethods(c)) {
                LlmFallback annotation = method.getAnnotation(LlmFallback.class);
                if (annotation != null && !annotation.next().isEmpty()) {
                    links.add(annotation.next());
                }
            }
        }
        return links;
    }

    /** For each head (name and descriptor) called on the class's own type inside it: the methods that call it. */
    private static Map<String, Set<String>> selfCalls(Class<?> type, Set<String> heads) {
        Map<String, Set<String>> calls = new LinkedHashMap<>();
        byte[] classFile = classFile(type);
        if (classFile == null) {
            return calls;
        }
        String owner = Type.getInternalName(type);
        new ClassReader(classFile).accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                    String[] exceptions) {
                if ((access & Opcodes.ACC_STATIC) != 0) {
                    return null;
                }
                String caller = name;
                return new MethodVisitor(Opcodes.ASM9) {
                    @Override
                    public void visitMethodInsn(int opcode, String callee, String calledName, String calledDescriptor,
                            boolean isInterface) {
                        String head = calledName + calledDescriptor;
                        if ((opcode == Opcodes.INVOKEVIRTUAL || opcode == Opcodes.INVOKESPECIAL) && owner.equals(callee)
                                && heads.contains(head)) {
                            calls.computeIfAbsent(head, any -> new LinkedHashSet<>()).add(caller);
                        }
                    }

                    @Override
                    public void visitInvokeDynamicInsn(String calledName, String calledDescriptor, Handle bootstrap,
                            Object... arguments) {
                        // this::summarize: a method reference bound to this, invoked later without the proxy.
                        for (Object argument : arguments) {
                            if (argument instanceof Handle) {
                                Handle handle = (Handle) argument;
                                String head = handle.getName() + handle.getDesc();
                                if ((handle.getTag() == Opcodes.H_INVOKEVIRTUAL
                                        || handle.getTag() == Opcodes.H_INVOKESPECIAL)
                                        && owner.equals(handle.getOwner()) && heads.contains(head)) {
                                    calls.computeIfAbsent(head, any -> new LinkedHashSet<>()).add(caller);
                                }
                            }
                        }
                    }
                };
            }
        }, ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        return calls;
    }

    private static String unproxyable(Method head) {
        int modifiers = head.getModifiers();
        String what = Modifier.isStatic(modifiers) ? "static" : Modifier.isPrivate(modifiers) ? "private" : "final";
        return "@LlmFallback head " + label(head) + " is " + what + ": the Spring AOP front door cannot intercept a "
                + "private, final or static method, so calling it runs no chain (its failure escapes). Fix: make it "
                + "public or protected, not final and not static, or attach the java agent, which weaves such "
                + "methods too.";
    }

    private static String calledOnThis(Class<?> type, Method head, Set<String> callers) {
        return "@LlmFallback head " + label(head) + " is called on this inside " + type.getSimpleName() + " (from "
                + callers.stream().map(caller -> caller.startsWith("lambda$") ? "a lambda" : caller + "()")
                        .distinct().collect(Collectors.joining(", "))
                + "): such a call does not go through the Spring proxy, so it runs no chain (its failure escapes). "
                + "Fix: call it through the bean (inject " + type.getSimpleName() + " where it is called), or "
                + "attach the java agent, which intercepts every call.";
    }

    private static String label(Method method) {
        return method.getDeclaringClass().getSimpleName() + "." + method.getName()
                + Arrays.stream(method.getParameterTypes()).map(Class::getSimpleName)
                        .collect(Collectors.joining(", ", "(", ")"));
    }

    private static Method[] declaredMethods(Class<?> type) {
        try {
            return type.getDeclaredMethods();
        } catch (LinkageError unloadable) {
            return new Method[0];
        }
    }

    private static byte[] classFile(Class<?> type) {
        ClassLoader loader = type.getClassLoader();
        if (loader == null) {
            return null;
        }
        try (InputStream in = loader.getResourceAsStream(Type.getInternalName(type) + ".class")) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException unreadable) {
            return null;
        }
    }
}
