package org.paywatch.pipeline;

import org.apache.flink.metrics.Gauge;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;

/**
 * A keyed process operator that also reports {@code watermarkLagMillis}: how far its event time trails
 * the wall clock, so how late its deadlines are judged. Flink reports the watermark itself
 * ({@code currentInputWatermark}), not its lag, and a function sees the watermark only when a record or
 * a timer calls it; the operator sees every one. -1 before the first watermark.
 */
public class WatermarkLagOperator<K, I, O> extends KeyedProcessOperator<K, I, O> {
    private static final long serialVersionUID = 1L;

    private transient volatile long watermark;

    public WatermarkLagOperator(KeyedProcessFunction<K, I, O> function) {
        super(function);
    }

    @Override
    public void open() throws Exception {
        super.open();
        watermark = Long.MIN_VALUE;
        getMetricGroup().gauge("watermarkLagMillis", (Gauge<Long>)
                () -> watermark == Long.MIN_VALUE ? -1L : System.currentTimeMillis() - watermark);
    }

    @Override
    public void processWatermark(Watermark mark) throws Exception {
        super.processWatermark(mark);
        watermark = mark.getTimestamp();
    }
}
