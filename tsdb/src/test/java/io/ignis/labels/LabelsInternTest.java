package io.ignis.labels;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@link Labels#interned}: canonical strings, and no second copy of labels that are canonical already. */
class LabelsInternTest {
    @Test
    void replacesEveryStringByItsCanonicalInstance() {
        // new String(...) is never the canonical instance.
        Labels fresh = Labels.of(new String("__name__"), new String("up"), new String("job"), new String("x"));
        Labels interned = fresh.interned();
        assertThat(interned).isEqualTo(fresh).isNotSameAs(fresh);
        assertThat(interned.hashCode()).isEqualTo(fresh.hashCode());
        for (int i = 0; i < interned.size(); i++) {
            assertThat(interned.name(i)).isSameAs(fresh.name(i).intern());
            assertThat(interned.value(i)).isSameAs(fresh.value(i).intern());
        }
    }

    @Test
    void returnsTheSameLabelsWhenTheirStringsAreCanonical() {
        Labels once = Labels.of(new String("__name__"), new String("up"), new String("job"), new String("x"))
                .interned();
        assertThat(once.interned()).isSameAs(once);
        assertThat(Labels.EMPTY.interned()).isSameAs(Labels.EMPTY);
    }

    @Test
    void copiesWhenOnlyALaterStringIsNotCanonical() {
        Labels mixed = Labels.of("__name__", "up", "job", new String("only-this-one"));
        Labels interned = mixed.interned();
        assertThat(interned).isNotSameAs(mixed).isEqualTo(mixed);
        assertThat(interned.value(1)).isSameAs("only-this-one");
        assertThat(mixed.value(1)).isNotSameAs("only-this-one");
    }
}
