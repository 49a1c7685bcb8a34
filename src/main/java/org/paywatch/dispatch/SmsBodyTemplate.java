package org.paywatch.dispatch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.paywatch.domain.ConfigurationProblem;

/**
 * The gateway's request body with a message's values put in, so that the shapes of common providers
 * fit. Placeholders:
 * <ul>
 * <li>{@code ${phone}}, {@code ${signature}} (as configured, e.g. 【高台县人社局】), {@code ${signName}}
 * (the same without its 【】, as Aliyun's and Tencent's SignName want), {@code ${text}},
 * {@code ${idempotencyKey}}: escaped for use inside a JSON string, so they stand between quotes;
 * <li>{@code ${textJson}}: the text as a JSON string literal, quotes included;
 * <li>{@code ${templateParam}}: the JSON object {"content": text} as a JSON string literal, quotes
 * included (Aliyun's TemplateParam is such a string).
 * </ul>
 * Aliyun SendSms: {@code {"PhoneNumbers":"${phone}","SignName":"${signName}","TemplateCode":"SMS_0001",
 * "TemplateParam":${templateParam},"OutId":"${idempotencyKey}"}}; Tencent SendSms: {@code
 * {"PhoneNumberSet":["+86${phone}"],"SignName":"${signName}","TemplateId":"1234567",
 * "TemplateParamSet":[${textJson}],"SessionContext":"${idempotencyKey}"}}.
 */
final class SmsBodyTemplate {

    static final List<String> PLACEHOLDERS =
            List.of("phone", "signature", "signName", "text", "textJson", "templateParam", "idempotencyKey");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}]*)}");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectReader STRICT_JSON =
            JSON.readerFor(JsonNode.class).with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final String template;

    SmsBodyTemplate(String template) {
        if (template == null || template.isBlank()) {
            throw new ConfigurationProblem("gateway.bodyTemplate is missing: write the gateway's request body with "
                    + "placeholders, e.g. {\"PhoneNumbers\":\"${phone}\",\"TemplateParam\":${templateParam}}");
        }
        Set<String> unknown = new LinkedHashSet<>();
        Matcher m = PLACEHOLDER.matcher(template);
        while (m.find()) {
            if (!PLACEHOLDERS.contains(m.group(1))) {
                unknown.add("${" + m.group(1) + "}");
            }
        }
        if (!unknown.isEmpty()) {
            throw new ConfigurationProblem("gateway.bodyTemplate uses " + String.join(", ", unknown)
                    + ", which paywatch does not fill in: use only " + placeholderList());
        }
        this.template = template;
    }

    /**
     * Checks that the body is JSON whatever the text holds (quotes, backslashes, line breaks): the
     * usual mistake is quotes around {@code ${textJson}} or {@code ${templateParam}}.
     */
    void requireJson() {
        if (!isJson(render("13800000000", "【签名\"测试】", "引号\" 反斜杠\\ 换行\n结束", "sample-key"))) {
            throw new ConfigurationProblem(
                    "gateway.bodyTemplate does not make valid JSON: check its braces and commas, put "
                            + "${textJson} and ${templateParam} without quotes around them and the other "
                            + "placeholders inside quotes");
        }
    }

    private static boolean isJson(String body) {
        try {
            STRICT_JSON.readTree(body);
            return true;
        } catch (JsonProcessingException e) {
            return false;
        }
    }

    String render(String phone, String signature, String text, String idempotencyKey) {
        Map<String, String> values = Map.of(
                "phone", inString(phone),
                "signature", inString(signature),
                "signName", inString(signName(signature)),
                "text", inString(text),
                "textJson", literal(text),
                "templateParam",
                        literal(JSON.createObjectNode().put("content", text).toString()),
                "idempotencyKey", inString(idempotencyKey));
        // One pass: a value that itself holds "${…}" is not filled in again.
        return PLACEHOLDER.matcher(template).replaceAll(m -> Matcher.quoteReplacement(values.get(m.group(1))));
    }

    /** 【高台县人社局】 -> 高台县人社局: providers add the brackets themselves. */
    static String signName(String signature) {
        String s = signature.strip();
        if (s.startsWith("【") && s.endsWith("】") && s.length() >= 2) {
            return s.substring(1, s.length() - 1).strip();
        }
        return s;
    }

    private static String inString(String value) {
        return new String(JsonStringEncoder.getInstance().quoteAsString(value));
    }

    private static String literal(String value) {
        return '"' + inString(value) + '"';
    }

    private static String placeholderList() {
        return String.join(", ", PLACEHOLDERS.stream().map(p -> "${" + p + "}").toList());
    }
}
