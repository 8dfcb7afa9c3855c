package dev.pnnxj.report;

/** Escaping for text that models control (layer, blob and node names, messages). */
final class Html {
    private Html() {
    }

    /** Text safe in element content and in double- or single-quoted attribute values. */
    static String escape(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    /**
     * JSON text safe inside a {@code <script>} element: no {@code <}, {@code >} or {@code &} can
     * end the element or start a comment, and JavaScript's line separators are escaped. Outside
     * strings JSON has none of these characters, so escaping them everywhere keeps the value.
     */
    static String scriptJson(String json) {
        return json.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
                .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029");
    }
}
