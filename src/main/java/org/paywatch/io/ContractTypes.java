package org.paywatch.io;

import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;

/** The Avro shapes that have a JSON form in the contract, and how to look through them. */
final class ContractTypes {

    private ContractTypes() {}

    /**
     * T of an optional field {@code ["null", T]}. Unions of two or more real types have no
     * unambiguous JSON form in the contract and are refused as a schema error.
     */
    static Schema presentBranch(Schema union) {
        Schema present = null;
        for (Schema branch : union.getTypes()) {
            if (branch.getType() != Schema.Type.NULL) {
                if (present != null) {
                    throw new IllegalArgumentException("only [\"null\", T] unions have a JSON form: " + union);
                }
                present = branch;
            }
        }
        if (present == null) {
            throw new IllegalArgumentException("a union of null alone has no JSON form");
        }
        return present;
    }

    /**
     * The logical type of an int or long, if it is one the contract defines (date,
     * timestamp-millis); null if none. Any other (time-millis, timestamp-micros …) would otherwise
     * pass silently as a plain number, so it is refused as a schema error.
     */
    static LogicalType logicalType(Schema schema) {
        LogicalType logical = schema.getLogicalType();
        if (logical == null
                || logical instanceof LogicalTypes.Date
                || logical instanceof LogicalTypes.TimestampMillis) {
            return logical;
        }
        throw new IllegalArgumentException("logical type " + logical.getName() + " has no JSON form");
    }
}
