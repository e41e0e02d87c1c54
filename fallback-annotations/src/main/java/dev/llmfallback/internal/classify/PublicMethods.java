package dev.llmfallback.internal.classify;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Finds public instance methods of classes this library does not compile against (SDK exceptions, header
 * types) and turns them into method handles, once, so that later calls involve no reflection.
 *
 * <p>A public method is not always callable through {@link MethodHandles#publicLookup()}: its declaring
 * class may be package-private (a public subclass or interface then exposes it) or the whole class may be
 * non-public. {@link #handle(Class, Method)} tries, in order: the method as declared; the same method seen
 * through a public superclass or interface of the receiver; and, last, {@link Method#trySetAccessible()}.
 * Failures are answered with {@code null}, never thrown. Not API. Stateless and thread-safe.
 */
public final class PublicMethods {

    private PublicMethods() {
    }

    /**
     * The public instance method {@code name(parameterTypes)} of {@code type}, declared or inherited.
     *
     * @param type the class to look in
     * @param name the method name
     * @param parameterTypes the exact parameter types
     * @return the method, or {@code null} if there is none, it is static, or it cannot be resolved (a
     *     signature naming a class that is missing at run time)
     */
    public static Method find(Class<?> type, String name, Class<?>... parameterTypes) {
        try {
            Method method = type.getMethod(name, parameterTypes);
            return Modifier.isStatic(method.getModifiers()) ? null : method;
        } catch (NoSuchMethodException | RuntimeException | LinkageError e) {
            return null;
        }
    }

    /**
     * A handle that invokes {@code method} on instances of {@code receiverType}, typed
     * {@code (receiverType, parameter types...) -> method's return type}.
     *
     * @param receiverType the class the handle is invoked on; {@code method} is one of its public methods
     * @param method a public instance method found on {@code receiverType}
     * @return the handle, or {@code null} if no way of calling the method is permitted
     */
    public static MethodHandle handle(Class<?> receiverType, Method method) {
        MethodHandle handle = unreflect(method);
        if (handle == null) {
            handle = throughPublicSupertype(receiverType, method);
        }
        if (handle == null) {
            handle = unreflectForcingAccess(method);
        }
        if (handle == null) {
            return null;
        }
        MethodType wanted = MethodType.methodType(method.getReturnType(), method.getParameterTypes())
                .insertParameterTypes(0, receiverType);
        try {
            return handle.asType(wanted);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static MethodHandle unreflect(Method method) {
        try {
            return MethodHandles.publicLookup().unreflect(method);
        } catch (IllegalAccessException | RuntimeException e) {
            return null;
        }
    }

    // A public method declared in a package-private class is callable through a public subclass or
    // interface that exposes it: the access check is then made against that public type.
    private static MethodHandle throughPublicSupertype(Class<?> receiverType, Method method) {
        for (Class<?> type : typesOf(receiverType)) {
            if (!Modifier.isPublic(type.getModifiers())) {
                continue;
            }
            Method seen = find(type, method.getName(), method.getParameterTypes());
            if (seen == null) {
                continue;
            }
            try {
                return MethodHandles.publicLookup().findVirtual(type, seen.getName(),
                        MethodType.methodType(seen.getReturnType(), seen.getParameterTypes()));
            } catch (NoSuchMethodException | IllegalAccessException | RuntimeException e) {
                // try the next supertype
            }
        }
        return null;
    }

    // Last resort, done once per class: works for classes on the class path or in open packages, and
    // fails quietly (answering null) for encapsulated modules.
    private static MethodHandle unreflectForcingAccess(Method method) {
        try {
            if (!method.trySetAccessible()) {
                return null;
            }
            return MethodHandles.publicLookup().unreflect(method);
        } catch (IllegalAccessException | RuntimeException e) {
            return null;
        }
    }

    // The receiver, its superclasses, then every interface they implement, nearest first.
    private static Set<Class<?>> typesOf(Class<?> receiverType) {
        Set<Class<?>> types = new LinkedHashSet<>();
        for (Class<?> type = receiverType; type != null; type = type.getSuperclass()) {
            types.add(type);
        }
        Deque<Class<?>> pending = new ArrayDeque<>(types);
        while (!pending.isEmpty()) {
            for (Class<?> implemented : pending.removeFirst().getInterfaces()) {
                if (types.add(implemented)) {
                    pending.addLast(implemented);
                }
            }
        }
        return types;
    }
}
