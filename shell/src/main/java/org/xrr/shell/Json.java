package org.xrr.shell;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.PrintWriter;

/** The one JSON configuration of xrr's command-line output. */
public final class Json {
    public static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final ObjectWriter ONE_LINE = MAPPER.writer().without(SerializationFeature.INDENT_OUTPUT);

    private Json() {
    }

    public static void print(JsonNode node, PrintWriter out) {
        try {
            out.println(MAPPER.writeValueAsString(node));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree failed to serialise", e);
        }
    }

    /** Prints a node on one line, for output with one JSON document per line. */
    public static void printLine(JsonNode node, PrintWriter out) {
        out.println(line(node));
    }

    /** A node as JSON text on one line. */
    public static String line(JsonNode node) {
        try {
            return ONE_LINE.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree failed to serialise", e);
        }
    }

    public static String hex(long value) {
        return "0x" + Long.toHexString(value);
    }
}
