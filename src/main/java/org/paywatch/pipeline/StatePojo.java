package org.paywatch.pipeline;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.PojoField;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.api.java.typeutils.TypeExtractor;

/**
 * The Flink type of a state class that keeps its fields private (the project book, the alert memory): a POJO of
 * its non-static, non-transient fields, each typed as Flink types a public POJO field. Flink's POJO serializer reads
 * and writes fields by reflection whatever their visibility; only its type analysis wants them public or with
 * setters, which would let anyone write the book. Fields can then be added or removed as with any POJO.
 */
final class StatePojo {
    private StatePojo() {}

    static <T> TypeInformation<T> of(Class<T> type) {
        List<PojoField> fields = new ArrayList<>();
        for (Class<?> c = type; c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (!Modifier.isStatic(f.getModifiers()) && !Modifier.isTransient(f.getModifiers())) {
                    fields.add(new PojoField(f, TypeExtractor.createTypeInfo(f.getGenericType())));
                }
            }
        }
        return new PojoTypeInfo<>(type, fields);
    }
}
