package com.certtrack.order.validation;

import com.certtrack.support.problem.FieldValueException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import java.io.IOException;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * A CaaS {@code term} in months: a whole number ({@code 12}) or an ISO-8601 period of years and months
 * ({@code "P1Y"}, {@code "P18M"}, {@code "P1Y6M"}). Whether the term is on sale is {@link OrderValidator}'s check.
 */
public class CaasTermDeserializer extends JsonDeserializer<Integer> {

    @Override
    public Integer deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.VALUE_NUMBER_INT) {
            return parser.getIntValue();
        }
        String text = token == JsonToken.VALUE_STRING ? parser.getText().strip() : null;
        if (text != null && text.matches("\\d{1,4}")) {
            return Integer.parseInt(text);
        }
        if (text != null && text.toUpperCase(Locale.ROOT).matches("P(\\d{1,3}Y)?(\\d{1,4}M)?") && text.length() > 1) {
            try {
                return (int) Period.parse(text).toTotalMonths();
            } catch (DateTimeParseException e) {
                // falls through to the error below
            }
        }
        throw new FieldValueException(parser, accepted(), token == null ? null : parser.getText(), Integer.class);
    }

    /** "must be a number of months: 12, 24 or 36 (or P1Y, P2Y, P3Y)". */
    static String accepted() {
        List<Integer> terms = ConfigProvider.getConfig()
                .getOptionalValues("certtrack.order.caas-terms", Integer.class)
                .orElse(List.of(12, 24, 36));
        String months = terms.stream().map(String::valueOf).collect(Collectors.joining(", "));
        String periods = terms.stream().map(CaasTermDeserializer::period).collect(Collectors.joining(", "));
        return "must be a whole number of months, one of " + months + " (or an ISO-8601 period: " + periods + ")";
    }

    static String period(int months) {
        return months % 12 == 0 ? "P" + months / 12 + "Y" : "P" + months + "M";
    }
}
