package com.certtrack.support.certificates;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SerialNumbersTest {

    @Test
    void everyWayCasAndToolsPrintASerialBecomesOneForm() {
        Optional<String> canonical = Optional.of("a1b2c3");
        assertEquals(canonical, SerialNumbers.normalise("A1B2C3"));
        assertEquals(canonical, SerialNumbers.normalise("00:A1:B2:C3"));
        assertEquals(canonical, SerialNumbers.normalise(" a1 b2 c3 "));
        assertEquals(canonical, SerialNumbers.normalise("0x00A1B2C3"));
        assertEquals(Optional.of("0"), SerialNumbers.normalise("00"));
        BigInteger serial = new BigInteger("7f00aa55", 16);
        assertEquals(Optional.of(serial.toString(16)), SerialNumbers.normalise("7F:00:AA:55"));
    }

    @Test
    void anythingElseIsNoSerial() {
        assertEquals(Optional.empty(), SerialNumbers.normalise(null));
        assertEquals(Optional.empty(), SerialNumbers.normalise(""));
        assertEquals(Optional.empty(), SerialNumbers.normalise("xyz"));
        assertEquals(Optional.empty(), SerialNumbers.normalise("0x"));
        assertEquals(Optional.empty(), SerialNumbers.normalise("a".repeat(65)));
    }
}
