package org.xrr.interposer.trace;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import org.xrr.interposer.cpu.CpuProfile;
import org.xrr.interposer.cpu.CpuProfileException;

import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.stream.Collectors;

/**
 * header.json: the {@link TraceHeader} fields in snake_case after {@code "format"}, the CPU
 * profiles in the CPU profile file format, the creation time in ISO-8601.
 *
 * <p>The version is checked before anything else, so that a header of another version is
 * refused as such rather than for a field it lacks. Fields this version does not know are
 * ignored: adding a field that older readers may ignore keeps the version.
 */
final class TraceHeaderJson {
    private static final String FORMAT = "format";
    private static final PropertyNamingStrategies.NamingBase SNAKE_CASE =
            (PropertyNamingStrategies.NamingBase) PropertyNamingStrategies.SNAKE_CASE;
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(SNAKE_CASE)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .withCoercionConfig(LogicalType.Textual, config -> config
                    .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
            .enable(SerializationFeature.INDENT_OUTPUT)
            .addModule(new SimpleModule("xrr-trace-header")
                    .addSerializer(Instant.class, ToStringSerializer.instance)
                    .addDeserializer(Instant.class, new InstantDeserializer())
                    .addSerializer(CpuProfile.class, new ProfileSerializer())
                    .addDeserializer(CpuProfile.class, new ProfileDeserializer()))
            .build();

    private TraceHeaderJson() {
    }

    static TraceHeader read(Path file) throws IOException {
        return parse(file, Files.readString(file));
    }

    static TraceHeader parse(Path file, String json) throws TraceHeaderException {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw new TraceHeaderException(file, "not valid JSON" + where + ": " + e.getOriginalMessage(), e);
        }
        if (root == null || root.isMissingNode() || !root.isObject()) {
            throw new TraceHeaderException(file, "expected a JSON object");
        }
        JsonNode format = root.get(FORMAT);
        if (format == null || !format.isInt()) {
            throw new TraceHeaderException(file, "no \"format\" version number: this is not an xrr trace header");
        }
        if (format.intValue() != TraceFormat.VERSION) {
            throw new TraceHeaderException(file, "unsupported trace format version " + format.intValue()
                    + "; this xrr reads version " + TraceFormat.VERSION);
        }
        for (RecordComponent component : TraceHeader.class.getRecordComponents()) {
            String field = SNAKE_CASE.translate(component.getName());
            JsonNode value = root.get(field);
            if (value == null) {
                throw new TraceHeaderException(file, "missing field \"" + field + "\"");
            }
            if (value.isNull()) {
                throw new TraceHeaderException(file, field + ": null, expected " + describe(component.getType()));
            }
        }
        try {
            return MAPPER.treeToValue(root, TraceHeader.class);
        } catch (JsonProcessingException e) {
            throw new TraceHeaderException(file, problem(e), e);
        }
    }

    static String write(TraceHeader header) {
        ObjectNode root = MAPPER.createObjectNode().put(FORMAT, TraceFormat.VERSION);
        root.setAll((ObjectNode) MAPPER.valueToTree(header));
        try {
            return MAPPER.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }

    /** One line: the path of the field at fault and what is wrong with it. */
    private static String problem(JsonProcessingException e) {
        if (e.getCause() instanceof CpuProfileException profile) {
            return profile.getMessage();
        }
        if (e instanceof ValueInstantiationException && e.getCause() != null) {
            return e.getCause().getMessage();
        }
        String path = e instanceof JsonMappingException mapping ? path(mapping) : "";
        String what = e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null
                ? "expected " + describe(mismatch.getTargetType())
                : e.getOriginalMessage().lines().findFirst().orElse("");
        return path.isEmpty() ? what : path + ": " + what;
    }

    /** {@code argv[2]}, {@code host_cpu}. */
    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining("."))
                .replace(".[", "[");
    }

    private static String describe(Class<?> type) {
        if (type == String.class) {
            return "a string";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (Collection.class.isAssignableFrom(type)) {
            return "an array of strings";
        }
        if (type == Instant.class) {
            return "an ISO-8601 time such as \"2025-01-31T12:00:00Z\"";
        }
        if (type == CpuProfile.class) {
            return "a CPU profile";
        }
        return type.getSimpleName();
    }

    private static final class InstantDeserializer extends StdDeserializer<Instant> {
        InstantDeserializer() {
            super(Instant.class);
        }

        @Override
        public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String text = p.getValueAsString();
            if (text == null) {
                return (Instant) ctxt.handleUnexpectedToken(Instant.class, p);
            }
            try {
                return Instant.parse(text);
            } catch (DateTimeParseException e) {
                throw MismatchedInputException.from(p, Instant.class, "not an ISO-8601 time");
            }
        }
    }

    private static final class ProfileSerializer extends StdSerializer<CpuProfile> {
        ProfileSerializer() {
            super(CpuProfile.class);
        }

        @Override
        public void serialize(CpuProfile profile, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeTree(profile.toJsonTree());
        }
    }

    /** Reads a profile with the strict reader of profile files; its message names the header field. */
    private static final class ProfileDeserializer extends StdDeserializer<CpuProfile> {
        ProfileDeserializer() {
            super(CpuProfile.class);
        }

        @Override
        public CpuProfile deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String field = p.currentName();
            JsonNode node = ctxt.readTree(p);
            try {
                return CpuProfile.fromJsonTree(field, node);
            } catch (CpuProfileException e) {
                throw JsonMappingException.from(p, e.getMessage(), e);
            }
        }
    }
}
