package io.netspectra.report;

import java.util.List;

/**
 * Renders a JUnit XML report (the {@code testsuites} dialect Jenkins, GitLab and GitHub test reporters read): one
 * suite, one test case per checked item, a {@code failure} element for each that failed. No timestamps, so equal
 * results give byte-identical files.
 */
public final class JUnitXml {
    private JUnitXml() {
    }

    /**
     * One test case.
     *
     * @param name    the case name (a rule or task)
     * @param failure null when it passed, else a one-line message
     * @param detail  the failure's full text (violations, differences), or empty
     */
    public record Case(String name, String failure, String detail) {
    }

    /** Returns the XML document for suite {@code suite} holding {@code cases}. */
    public static String render(String suite, List<Case> cases) {
        long failures = cases.stream().filter(c -> c.failure() != null).count();
        StringBuilder sb = new StringBuilder();
        sb.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        sb.append("<testsuites name=\"").append(escape(suite)).append("\" tests=\"").append(cases.size())
                .append("\" failures=\"").append(failures).append("\">\n");
        sb.append("  <testsuite name=\"").append(escape(suite)).append("\" tests=\"").append(cases.size())
                .append("\" failures=\"").append(failures).append("\" errors=\"0\" skipped=\"0\">\n");
        for (Case c : cases) {
            sb.append("    <testcase classname=\"").append(escape(suite)).append("\" name=\"").append(escape(c.name()))
                    .append('"');
            if (c.failure() == null) {
                sb.append("/>\n");
                continue;
            }
            sb.append(">\n      <failure message=\"").append(escape(c.failure())).append("\">")
                    .append(escape(c.detail())).append("</failure>\n    </testcase>\n");
        }
        sb.append("  </testsuite>\n</testsuites>\n");
        return sb.toString();
    }

    /** Escapes text for XML content and attribute values; drops characters XML 1.0 cannot hold. */
    static String escape(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&apos;");
                default -> {
                    if (c >= 0x20 || c == '\n' || c == '\t' || c == '\r') {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.toString();
    }
}
