package org.paywatch.io.influx;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The series an InfluxQL query returned. Times are epoch milliseconds; JSON numbers without a
 * fraction come back as {@link Long}, others as {@link Double}.
 */
public record QueryResult(List<Series> series) {

    public record Series(String name, Map<String, String> tags, List<String> columns, List<List<Object>> values) {

        /** Each value row as column name to value, with the series' tags (GROUP BY) added. */
        public List<Map<String, Object>> rows() {
            List<Map<String, Object>> rows = new ArrayList<>(values.size());
            for (List<Object> value : values) {
                Map<String, Object> row = new LinkedHashMap<>(tags);
                for (int i = 0; i < columns.size(); i++) {
                    row.put(columns.get(i), value.get(i));
                }
                rows.add(row);
            }
            return rows;
        }
    }

    /** The rows of all series, in order. */
    public List<Map<String, Object>> rows() {
        return series.stream().flatMap(s -> s.rows().stream()).toList();
    }
}
