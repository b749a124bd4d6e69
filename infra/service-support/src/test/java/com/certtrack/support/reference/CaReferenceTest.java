package com.certtrack.support.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CaReferenceTest {

    @Test
    void generatedReferencesAreGroupedValidAndDistinct() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            String reference = CaReference.generate();
            assertTrue(reference.matches("([0-9A-HJKMNP-TV-Z]{4}-){4}[0-9A-HJKMNP-TV-Z]"), reference);
            assertTrue(CaReference.normalise(reference).valid(), reference);
            seen.add(reference);
        }
        assertEquals(10_000, seen.size());
    }

    @Test
    void normalisesCaseSpacesDashesAndLookalikeLetters() {
        String reference = CaReference.generate();
        String canonical = reference.replace("-", "");
        String typed = " "
                + reference.toLowerCase().replace('-', ' ').replace("0", "o").replace("1", "l") + " ";
        assertEquals(canonical, CaReference.normalise(typed).canonical().orElseThrow());
    }

    @Test
    void everySingleWrongSymbolIsCaught() {
        String canonical = CaReference.generate().replace("-", "");
        for (int position = 0; position < canonical.length(); position++) {
            for (char replacement : CaReference.ALPHABET.toCharArray()) {
                if (replacement == canonical.charAt(position)) {
                    continue;
                }
                String typo = canonical.substring(0, position) + replacement + canonical.substring(position + 1);
                assertEquals(
                        CaReference.Problem.CHECK_FAILED,
                        CaReference.normalise(typo).problem().orElseThrow(),
                        typo);
            }
        }
    }

    @Test
    void explainsWhatIsWrong() {
        assertEquals(
                CaReference.Problem.EMPTY, CaReference.normalise("  ").problem().orElseThrow());
        assertEquals(
                CaReference.Problem.WRONG_LENGTH,
                CaReference.normalise("ABCD-EFGH").problem().orElseThrow());
        assertEquals(
                CaReference.Problem.BAD_SYMBOL,
                CaReference.normalise("ABCD-EFGH-!JKM-NPQR-S").problem().orElseThrow());
    }

    @Test
    void keyedHashDependsOnTheKey() {
        String canonical = CaReference.generate().replace("-", "");
        String first = new ReferenceHasher(new byte[32]).hash(canonical);
        assertEquals(64, first.length());
        assertEquals(first, new ReferenceHasher(new byte[32]).hash(canonical));
        byte[] otherKey = new byte[32];
        otherKey[0] = 1;
        assertNotEquals(first, new ReferenceHasher(otherKey).hash(canonical));
    }
}
