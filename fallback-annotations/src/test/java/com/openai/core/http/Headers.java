package com.openai.core.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Test double of openai-java's {@code Headers}: case-insensitive names, {@code List<String> values(String)}. */
public final class Headers {

    private final Map<String, List<String>> map = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

    private Headers() {
    }

    /**
     * Headers from names and values, alternating.
     *
     * @param namesAndValues name, value, name, value, ...
     * @return the headers
     */
    public static Headers of(String... namesAndValues) {
        Headers headers = new Headers();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            headers.map.computeIfAbsent(namesAndValues[i], name -> new ArrayList<>()).add(namesAndValues[i + 1]);
        }
        return headers;
    }

    public List<String> values(String name) {
        return map.getOrDefault(name, List.of());
    }
}
