package dev.llmfallback.internal.plan;

import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.util.HashMap;
import java.util.Map;

/**
 * Whether a sibling's declared return type can stand in for the head's, generics included:
 * {@code ArrayList<String>} for {@code List<String>} yes, {@code List<Integer>} for {@code List<String>} no.
 * Type variables compare by erasure. Stateless and thread-safe.
 */
final class ReturnTypes {

    private ReturnTypes() {
    }

    static boolean assignable(Type head, Type sibling) {
        Class<?> headRaw = erasure(head);
        Class<?> siblingRaw = erasure(sibling);
        if (headRaw.isPrimitive() || siblingRaw.isPrimitive()) {
            return headRaw == siblingRaw;
        }
        if (!headRaw.isAssignableFrom(siblingRaw)) {
            return false;
        }
        if (!(head instanceof ParameterizedType)) {
            return true;
        }
        Type seen = asSupertype(sibling, headRaw, new HashMap<>());
        if (!(seen instanceof ParameterizedType)) {
            // A raw sibling type for a parameterized head: unchecked, as javac would warn. Accept the erasure.
            return true;
        }
        Type[] wanted = ((ParameterizedType) head).getActualTypeArguments();
        Type[] given = ((ParameterizedType) seen).getActualTypeArguments();
        for (int i = 0; i < wanted.length; i++) {
            if (!argumentFits(wanted[i], given[i])) {
                return false;
            }
        }
        return true;
    }

    private static boolean argumentFits(Type wanted, Type given) {
        if (wanted instanceof WildcardType) {
            WildcardType wildcard = (WildcardType) wanted;
            for (Type upper : wildcard.getUpperBounds()) {
                if (!erasure(upper).isAssignableFrom(erasure(given))) {
                    return false;
                }
            }
            for (Type lower : wildcard.getLowerBounds()) {
                if (!erasure(given).isAssignableFrom(erasure(lower))) {
                    return false;
                }
            }
            return true;
        }
        if (wanted instanceof TypeVariable || given instanceof TypeVariable) {
            return erasure(wanted).equals(erasure(given));
        }
        if (wanted instanceof ParameterizedType || given instanceof ParameterizedType) {
            return erasure(wanted).equals(erasure(given)) && assignable(wanted, given) && assignable(given, wanted);
        }
        return wanted.equals(given);
    }

    /** {@code type} seen as its supertype {@code target}, with type arguments substituted. */
    private static Type asSupertype(Type type, Class<?> target, Map<TypeVariable<?>, Type> bindings) {
        Class<?> raw = erasure(type);
        if (type instanceof ParameterizedType) {
            TypeVariable<?>[] variables = raw.getTypeParameters();
            Type[] arguments = ((ParameterizedType) type).getActualTypeArguments();
            for (int i = 0; i < variables.length; i++) {
                bindings.put(variables[i], substitute(arguments[i], bindings));
            }
        }
        if (raw == target) {
            return substitute(type, bindings);
        }
        Type superclass = raw.getGenericSuperclass();
        if (superclass != null && target.isAssignableFrom(erasure(superclass))) {
            return asSupertype(superclass, target, bindings);
        }
        for (Type implemented : raw.getGenericInterfaces()) {
            if (target.isAssignableFrom(erasure(implemented))) {
                return asSupertype(implemented, target, bindings);
            }
        }
        return target;
    }

    private static Type substitute(Type type, Map<TypeVariable<?>, Type> bindings) {
        if (type instanceof TypeVariable) {
            return bindings.getOrDefault(type, type);
        }
        if (type instanceof ParameterizedType) {
            ParameterizedType parameterized = (ParameterizedType) type;
            Type[] arguments = parameterized.getActualTypeArguments().clone();
            boolean changed = false;
            for (int i = 0; i < arguments.length; i++) {
                Type substituted = substitute(arguments[i], bindings);
                changed |= substituted != arguments[i];
                arguments[i] = substituted;
            }
            return changed ? new Substituted(parameterized, arguments) : type;
        }
        return type;
    }

    static Class<?> erasure(Type type) {
        if (type instanceof Class) {
            return (Class<?>) type;
        }
        if (type instanceof ParameterizedType) {
            return (Class<?>) ((ParameterizedType) type).getRawType();
        }
        if (type instanceof GenericArrayType) {
            return java.lang.reflect.Array.newInstance(erasure(((GenericArrayType) type).getGenericComponentType()), 0)
                    .getClass();
        }
        if (type instanceof TypeVariable) {
            Type[] bounds = ((TypeVariable<?>) type).getBounds();
            return bounds.length == 0 ? Object.class : erasure(bounds[0]);
        }
        if (type instanceof WildcardType) {
            return erasure(((WildcardType) type).getUpperBounds()[0]);
        }
        return Object.class;
    }

    /** A parameterized type with its arguments replaced; equality by raw type and arguments. */
    private static final class Substituted implements ParameterizedType {
        private final ParameterizedType original;
        private final Type[] arguments;

        Substituted(ParameterizedType original, Type[] arguments) {
            this.original = original;
            this.arguments = arguments;
        }

        @Override
        public Type[] getActualTypeArguments() {
            return arguments.clone();
        }

        @Override
        public Type getRawType() {
            return original.getRawType();
        }

        @Override
        public Type getOwnerType() {
            return original.getOwnerType();
        }

        @Override
        public boolean equals(Object other) {
            if (!(other instanceof ParameterizedType)) {
                return false;
            }
            ParameterizedType that = (ParameterizedType) other;
            return getRawType().equals(that.getRawType())
                    && java.util.Arrays.equals(arguments, that.getActualTypeArguments());
        }

        @Override
        public int hashCode() {
            return java.util.Arrays.hashCode(arguments) ^ getRawType().hashCode();
        }
    }
}
