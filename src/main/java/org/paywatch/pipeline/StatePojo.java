package org.paywatch.pipeline;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.typeutils.NullableListTypeInfo;
import org.apache.flink.api.java.typeutils.NullableMapTypeInfo;
import org.apache.flink.api.java.typeutils.PojoField;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.api.java.typeutils.TypeExtractor;

/**
 * The Flink type of a state class that keeps its fields private (the project book, the alert memory): a POJO of
 * its non-static, non-transient fields, each typed as Flink types a public POJO field. Flink's POJO serializer reads
 * and writes fields by reflection whatever their visibility; only its type analysis wants them public or with
 * setters, which would let anyone write the book. Fields can then be added or removed as with any POJO.
 *
 * <p>Where Flink's analysis would fall back to Kryo (a map, a list, a {@link LocalDate}), down to the fields of the
 * domain values inside, the field gets Flink's typed serializer instead: Kryo writes class names and costs most of
 * the project monitor's time on RocksDB (docs/performance.md). Maps and lists are the nullable kinds Flink gives a
 * POJO's own collection fields; a map comes back as a HashMap, a list as an ArrayList, as the state classes hold.
 */
final class StatePojo {
    private StatePojo() {}

    static <T> TypeInformation<T> of(Class<T> type) {
        List<PojoField> fields = new ArrayList<>();
        for (Class<?> c = type; c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (!Modifier.isStatic(f.getModifiers()) && !Modifier.isTransient(f.getModifiers())) {
                    fields.add(new PojoField(f, typeOf(f.getGenericType())));
                }
            }
        }
        return new PojoTypeInfo<>(type, fields);
    }

    /** The Flink type of a declared Java type, typed without Kryo wherever the state classes need it. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static TypeInformation<?> typeOf(Type type) {
        if (type instanceof ParameterizedType p) {
            Type[] args = p.getActualTypeArguments();
            if (p.getRawType() == Map.class) {
                return new NullableMapTypeInfo<>(typeOf(args[0]), typeOf(args[1]));
            }
            if (p.getRawType() == List.class) {
                return new NullableListTypeInfo<>(typeOf(args[0]));
            }
        }
        if (type == LocalDate.class) {
            return Types.LOCAL_DATE;
        }
        TypeInformation<?> extracted = TypeExtractor.createTypeInfo(type);
        if (extracted instanceof PojoTypeInfo<?> pojo) {
            List<PojoField> fields = new ArrayList<>();
            for (int i = 0; i < pojo.getArity(); i++) {
                Field f = pojo.getPojoFieldAt(i).getField();
                fields.add(new PojoField(f, typeOf(f.getGenericType())));
            }
            return new PojoTypeInfo(pojo.getTypeClass(), fields);
        }
        return extracted;
    }
}
