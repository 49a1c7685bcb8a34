package org.paywatch.board;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Iterator;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What may leave the board: alert messages and scopes can name a worker by pseudonym (W- and hex, see
 * PersonalNumbers), which means nothing to a reader and must not be shown; an ID-card number never should be there,
 * but is hidden too if it is.
 */
final class PublicText {
    private static final Pattern WORKER_PSEUDONYM = Pattern.compile("(?<![A-Za-z0-9])W-[0-9a-fA-F]+");
    private static final Pattern ID_CARD_NUMBER = Pattern.compile("(?<![A-Za-z0-9])\\d{17}[\\dXx](?![A-Za-z0-9])");

    private PublicText() {}

    /** The text with each worker pseudonym replaced by 某工人 and each ID-card number by 某身份证号. */
    static String of(String text) {
        if (text == null) {
            return null;
        }
        String hidden = WORKER_PSEUDONYM.matcher(text).replaceAll("某工人");
        return ID_CARD_NUMBER.matcher(hidden).replaceAll("某身份证号");
    }

    /** Applies {@link #of(String)} to every string in the tree (field names included), in place. */
    static JsonNode in(JsonNode node) {
        if (node instanceof ObjectNode object) {
            ObjectNode copy = object.objectNode();
            Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                copy.set(of(f.getKey()), in(f.getValue()));
            }
            return copy;
        }
        if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                array.set(i, in(array.get(i)));
            }
            return array;
        }
        if (node.isTextual()) {
            return TextNode.valueOf(of(node.asText()));
        }
        return node;
    }
}
