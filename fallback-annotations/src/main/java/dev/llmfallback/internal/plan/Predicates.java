package dev.llmfallback.internal.plan;

import dev.llmfallback.SkipPredicate;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;

/**
 * One shared instance per {@link SkipPredicate} class: its {@code public static final INSTANCE} field if it
 * has one, else one made by its public no-arg constructor, called once. Cached per class; thread-safe.
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
        Object instance = INSTANCES.get(type);
        if (instance instanceof IllegalArgumentException) {
            IllegalArgumentException unusable = (IllegalArgumentException) instance;
            throw new IllegalArgumentException(unusable.getMessage(), unusable.getCause());
        }
        return (SkipPredicate) instance;
    }

    private static Object create(Class<?> type) {
        if (!SkipPredicate.class.isAssignableFrom(type)) {
            throw new IllegalArgumentException("it does not implement SkipPredicate");
        }
        if (type.isInterface() || Modifier.isAbstract(type.getModifiers())) {
            throw new IllegalArgumentException("it is " + (type.isInterface() ? "an interface" : "abstract"));
        }
        try {
            Field field = type.getField("INSTANCE");
            int modifiers = field.getModifiers();
            if (Modifier.isStatic(modifiers) && Modifier.isFinal(modifiers)
                    && SkipPredicate.class.isAssignableFrom(field.getType())) {
                Object value = field.get(null);
                if (value != null) {
                    return value;
                }
            }
        } catch (NoSuchFieldException noInstanceField) {
            // fall through to the constructor
        } catch (IllegalAccessException | RuntimeException | ExceptionInInitializerError unreadable) {
            throw new IllegalArgumentException("its INSTANCE field cannot be read (" + unreadable + ")", unreadable);
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
