package dev.llmfallback.internal.plan;

import dev.llmfallback.SkipPredicate;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;

/**
 * One shared instance per {@link SkipPredicate} or {@link dev.llmfallback.HealthPolicy} class: its {@code public static final INSTANCE} field if it
 * declares one (which must hold an instance of the class; the class may then be abstract or an interface),
 * else one made by its public no-arg constructor, called once (the class must then be concrete). An
 * INSTANCE inherited from a superclass or interface is another class's and is not used. Cached per class;
 * thread-safe.
 */
public final class Predicates {

    private static final ClassValue<Object> INSTANCES = new ClassValue<>() {
        @Override
        protected Object computeValue(Class<?> type) {
            try {
                return create(type);
            } catch (IllegalArgumentException unusable) {
                return unusable;
            }
        }
    };

    private Predicates() {
    }

    /**
     * The shared instance of {@code type}.
     *
     * @param type a predicate class
     * @return its shared instance
     * @throws IllegalArgumentException if the class offers neither a usable INSTANCE nor a usable
     *                                  constructor; the message says why, the cause is the underlying failure
     */
    public static SkipPredicate instance(Class<? extends SkipPredicate> type) {
        return instance(type, SkipPredicate.class);
    }

    /**
     * The shared instance of {@code type}, a class of the given kind (a predicate, a health policy).
     *
     * @param type a class of that kind
     * @param kind the interface it must implement
     * @param <T>  the kind
     * @return its shared instance
     * @throws IllegalArgumentException as {@link #instance(Class)}
     */
    public static <T> T instance(Class<? extends T> type, Class<T> kind) {
        if (!kind.isAssignableFrom(type)) {
            throw new IllegalArgumentException("it does not implement " + kind.getSimpleName());
        }
        Object instance = INSTANCES.get(type);
        if (instance instanceof IllegalArgumentException) {
            IllegalArgumentException unusable = (IllegalArgumentException) instance;
            throw new IllegalArgumentException(unusable.getMessage(), unusable.getCause());
        }
        return kind.cast(instance);
    }

    /** The {@code public static final INSTANCE} field {@code type} declares itself (not one it inherits), or null. */
    private static Field instanceField(Class<?> type) {
        try {
            Field field = type.getDeclaredField("INSTANCE");
            int modifiers = field.getModifiers();
            return Modifier.isPublic(modifiers) && Modifier.isStatic(modifiers) && Modifier.isFinal(modifiers)
                    ? field : null;
        } catch (NoSuchFieldException noInstanceField) {
            return null;
        }
    }

    private static Object create(Class<?> type) {
        Field field = instanceField(type);
        if (field != null) {
            Object value;
            try {
                if (!Modifier.isPublic(type.getModifiers())) {
                    // A public field of a nested non-public class: allowed once, at resolution time.
                    field.setAccessible(true);
                }
                value = field.get(null);
            } catch (IllegalAccessException | RuntimeException | ExceptionInInitializerError unreadable) {
                throw new IllegalArgumentException("its INSTANCE field cannot be read (" + unreadable + ")",
                        unreadable);
            }
            if (!type.isInstance(value)) {
                throw new IllegalArgumentException("its INSTANCE field holds " + (value == null ? "null"
                        : "a " + value.getClass().getName()) + ", not an instance of " + type.getSimpleName());
            }
            return value;
        }
        if (type.isInterface() || Modifier.isAbstract(type.getModifiers())) {
            throw new IllegalArgumentException("it is " + (type.isInterface() ? "an interface" : "abstract")
                    + " and has no public static final INSTANCE field");
        }
        Constructor<?> constructor;
        try {
            constructor = type.getConstructor();
        } catch (NoSuchMethodException noConstructor) {
            throw new IllegalArgumentException("it has no public static final INSTANCE field and no public "
                    + "no-arg constructor", noConstructor);
        }
        try {
            if (!Modifier.isPublic(type.getModifiers())) {
                // A public constructor of a nested non-public class: allowed once, at resolution time.
                constructor.setAccessible(true);
            }
            return constructor.newInstance();
        } catch (InvocationTargetException failed) {
            throw new IllegalArgumentException("its constructor threw " + failed.getCause(), failed.getCause());
        } catch (ReflectiveOperationException | RuntimeException | ExceptionInInitializerError unusable) {
            throw new IllegalArgumentException("its constructor cannot be called (" + unusable + "); make the "
                    + "class public", unusable);
        }
    }
}
