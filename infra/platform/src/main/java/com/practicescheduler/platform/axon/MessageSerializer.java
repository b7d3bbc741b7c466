package com.practicescheduler.platform.axon;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.UnknownSerializedType;
import org.axonframework.serialization.json.JacksonSerializer;

/**
 * Axon's Jackson serializer, remembering the class of each type name it has found. Axon's asks the class loader
 * ({@code Class.forName}) for every event every processor reads: a lookup under the loader's lock, nearly a
 * percent of the application's CPU under load. Only classes found are remembered; a name not found is asked again
 * (Axon itself remembers those), so a class that appears later, as a rolling upgrade's new event does, is found then.
 */
final class MessageSerializer extends JacksonSerializer {

    private final Map<String, Class<?>> found = new ConcurrentHashMap<>();

    MessageSerializer(Builder builder) {
        super(builder);
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Class classForType(SerializedType type) {
        Class<?> known = found.get(type.getName());
        if (known != null) {
            return known;
        }
        Class<?> resolved = super.classForType(type);
        if (resolved != UnknownSerializedType.class && resolved != Void.class) {
            found.put(type.getName(), resolved);
        }
        return resolved;
    }
}
