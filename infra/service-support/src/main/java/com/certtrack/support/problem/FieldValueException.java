package com.certtrack.support.problem;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;

/**
 * Thrown by a field's own deserializer when a value cannot be read: {@code fieldMessage} is what the problem's
 * {@code errors[]} says about the field (the expected type and the accepted values).
 */
public class FieldValueException extends InvalidFormatException {

    private final String fieldMessage;

    public FieldValueException(JsonParser parser, String fieldMessage, Object value, Class<?> targetType) {
        super(parser, fieldMessage, value, targetType);
        this.fieldMessage = fieldMessage;
    }

    public String fieldMessage() {
        return fieldMessage;
    }
}
