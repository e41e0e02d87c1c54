package dev.llmfallback.internal.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The pieces of chain resolution that are easier to pin down alone than through a woven fixture. */
class ResolutionHelpersTest {

    @SuppressWarnings("unused")
    private abstract static class Returns {
        abstract List<String> listOfString();

        abstract ArrayList<String> arrayListOfString();

        abstract List<Integer> listOfInteger();

        abstract List<? extends CharSequence> listOfCharSequences();

        abstract Collection<String> collectionOfString();

        abstract Map<String, List<String>> mapOfLists();

        abstract TreeMap<String, List<String>> treeMapOfLists();

        abstract TreeMap<String, List<Integer>> treeMapOfIntegerLists();

        abstract Optional<String> optionalString();

        abstract StringList stringList();

        abstract int primitive();

        abstract Integer boxed();

        abstract void nothing();
    }

    private abstract static class StringList extends ArrayList<String> {
        private static final long serialVersionUID = 1L;
    }

    private static Type type(String method) throws NoSuchMethodException {
        return Returns.class.getDeclaredMethod(method).getGenericReturnType();
    }

    private static boolean fits(String head, String sibling) throws NoSuchMethodException {
        return ReturnTypes.assignable(type(head), type(sibling));
    }

    @Test
    public void genericReturnTypes() throws Exception {
        assertThat(fits("listOfString", "listOfString")).isTrue();
        assertThat(fits("listOfString", "arrayListOfString")).isTrue();
        assertThat(fits("listOfString", "stringList")).isTrue();
        assertThat(fits("collectionOfString", "stringList")).isTrue();
        assertThat(fits("listOfString", "listOfInteger")).isFalse();
        assertThat(fits("listOfCharSequences", "listOfString")).isTrue();
        assertThat(fits("listOfCharSequences", "listOfInteger")).isFalse();
        assertThat(fits("arrayListOfString", "listOfString")).isFalse();
        assertThat(fits("mapOfLists", "treeMapOfLists")).isTrue();
        assertThat(fits("mapOfLists", "treeMapOfIntegerLists")).isFalse();
        assertThat(fits("listOfString", "optionalString")).isFalse();
    }

    @Test
    public void primitivesAndVoid_mustMatchExactly() throws Exception {
        assertThat(fits("primitive", "primitive")).isTrue();
        assertThat(fits("primitive", "boxed")).isFalse();
        assertThat(fits("boxed", "primitive")).isFalse();
        assertThat(fits("nothing", "nothing")).isTrue();
        assertThat(fits("nothing", "boxed")).isFalse();
    }

    @Test
    public void durations_shortFormsCombinationsAndIso() {
        assertThat(Durations.parse("10s")).isEqualTo(java.time.Duration.ofSeconds(10));
        assertThat(Durations.parse("1500ms")).isEqualTo(java.time.Duration.ofMillis(1500));
        assertThat(Durations.parse("2m")).isEqualTo(java.time.Duration.ofMinutes(2));
        assertThat(Durations.parse("1h")).isEqualTo(java.time.Duration.ofHours(1));
        assertThat(Durations.parse("1m30s")).isEqualTo(java.time.Duration.ofSeconds(90));
        assertThat(Durations.parse(" PT10S ")).isEqualTo(java.time.Duration.ofSeconds(10));
        assertThat(Durations.parse("pt0.5s")).isEqualTo(java.time.Duration.ofMillis(500));
    }

    @Test
    public void durations_rejectWhatIsNotAPositiveDuration() {
        for (String bad : List.of("", "10", "10 seconds", "s", "-5s", "0s", "PT0S", "10x", "1.5s", "PTXS")) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> Durations.parse(bad)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(bad);
        }
    }

    @Test
    public void nearMisses_nearestFirst_caseAndTyposForgiven() {
        List<String> names = List.of("callOpenAi", "callAnthropic", "callLocal", "toString", "hashCode");

        assertThat(NearMisses.of("callOpenAI", names)).containsExactly("callOpenAi");
        assertThat(NearMisses.of("calLocal", names)).containsExactly("callLocal");
        assertThat(NearMisses.of("somethingElse", names)).isEmpty();
    }
}
