package io.cc4j.report;

import java.util.ArrayList;
import java.util.List;

/**
 * Builds one self-contained HTML page: inline CSS, images by relative link, no scripts and no external resources,
 * so the report opens from disk in any browser and can be copied anywhere with its directory.
 */
public final class HtmlPage {
    private static final String CSS = """
            body { font-family: "DejaVu Sans", "Helvetica Neue", Arial, sans-serif; color: #222; background: #fff;
                   max-width: 1180px; margin: 24px auto; padding: 0 20px; line-height: 1.45; }
            h1 { font-size: 26px; margin-bottom: 4px; }
            h2 { font-size: 21px; border-bottom: 2px solid #ddd; padding-bottom: 4px; margin-top: 36px; }
            h3 { font-size: 16px; margin: 0 0 6px 0; }
            .sub { color: #666; margin-top: 0; }
            .notice { background: #fff8e1; border: 1px solid #f0c36d; padding: 8px 14px; border-radius: 4px; }
            .notice ul { margin: 4px 0; padding-left: 20px; }
            table { border-collapse: collapse; margin: 8px 0 16px 0; }
            th, td { border: 1px solid #ccc; padding: 4px 10px; text-align: left; vertical-align: top; }
            th { background: #f3f3f3; }
            td.num { text-align: right; font-variant-numeric: tabular-nums; }
            td.key { font-family: "DejaVu Sans Mono", monospace; font-size: 14px; }
            figure { margin: 12px 0 24px 0; }
            figure img { max-width: 100%; height: auto; border: 1px solid #e5e5e5; }
            figcaption { color: #555; font-size: 14px; margin-top: 4px; }
            .clusters { display: flex; flex-wrap: wrap; gap: 14px; }
            .cluster { border: 1px solid #ddd; border-radius: 6px; padding: 10px; background: #fafafa; }
            .cluster img { image-rendering: pixelated; display: block; max-width: 100%; }
            .cluster .label { color: #555; font-size: 13px; margin: 6px 0 2px 0; }
            """;

    private final StringBuilder body = new StringBuilder();
    private final List<String> images = new ArrayList<>();
    private final String title;

    /** @param title the page title */
    public HtmlPage(String title) {
        this.title = title;
    }

    /** Escapes text for HTML content and attribute values. */
    public static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** Appends a top heading and a grey line under it. */
    public HtmlPage heading(String text, String subtitle) {
        body.append("<h1>").append(escape(text)).append("</h1>\n");
        body.append("<p class=\"sub\">").append(escape(subtitle)).append("</p>\n");
        return this;
    }

    /** Appends a section heading. */
    public HtmlPage section(String text) {
        body.append("<h2>").append(escape(text)).append("</h2>\n");
        return this;
    }

    /** Appends a paragraph of text. */
    public HtmlPage paragraph(String text) {
        body.append("<p>").append(escape(text)).append("</p>\n");
        return this;
    }

    /** Appends a highlighted box listing {@code items}; nothing when the list is empty. */
    public HtmlPage notice(String lead, List<String> items) {
        if (items.isEmpty()) {
            return this;
        }
        body.append("<div class=\"notice\"><strong>").append(escape(lead)).append("</strong>\n<ul>\n");
        for (String item : items) {
            body.append("<li>").append(escape(item)).append("</li>\n");
        }
        body.append("</ul></div>\n");
        return this;
    }

    /**
     * Appends a table.
     *
     * @param header column headings
     * @param rows cells as text; a cell that parses as a number is right-aligned
     * @param keyColumn whether the first column holds keys (shown in monospace)
     */
    public HtmlPage table(List<String> header, List<List<String>> rows, boolean keyColumn) {
        body.append("<table>\n<tr>");
        header.forEach(h -> body.append("<th>").append(escape(h)).append("</th>"));
        body.append("</tr>\n");
        for (List<String> row : rows) {
            body.append("<tr>");
            for (int i = 0; i < row.size(); i++) {
                String cell = row.get(i);
                String cls = i == 0 && keyColumn ? " class=\"key\"" : isNumber(cell) ? " class=\"num\"" : "";
                body.append("<td").append(cls).append('>').append(escape(cell)).append("</td>");
            }
            body.append("</tr>\n");
        }
        body.append("</table>\n");
        return this;
    }

    /** Appends an image with a caption; {@code file} is relative to the page. */
    public HtmlPage figure(String file, String alt, String caption) {
        images.add(file);
        body.append("<figure><img src=\"").append(escape(file)).append("\" alt=\"").append(escape(alt))
                .append("\">\n<figcaption>").append(escape(caption)).append("</figcaption></figure>\n");
        return this;
    }

    /** Opens a flowing block of cluster cards; close it with {@link #endClusters()}. */
    public HtmlPage beginClusters() {
        body.append("<div class=\"clusters\">\n");
        return this;
    }

    /**
     * Appends one cluster card.
     *
     * @param heading the card's heading
     * @param images pairs of (label, relative file) shown one under the other
     */
    public HtmlPage cluster(String heading, List<String[]> images) {
        body.append("<div class=\"cluster\"><h3>").append(escape(heading)).append("</h3>\n");
        for (String[] img : images) {
            this.images.add(img[1]);
            body.append("<div class=\"label\">").append(escape(img[0])).append("</div>")
                    .append("<img src=\"").append(escape(img[1])).append("\" alt=\"")
                    .append(escape(heading + ": " + img[0])).append("\">\n");
        }
        body.append("</div>\n");
        return this;
    }

    /** Closes the block opened by {@link #beginClusters()}. */
    public HtmlPage endClusters() {
        body.append("</div>\n");
        return this;
    }

    /** The image files the page links, in page order. */
    public List<String> images() {
        return List.copyOf(images);
    }

    /** The complete document. */
    public String toHtml() {
        return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                + "<title>" + escape(title) + "</title>\n<style>\n" + CSS + "</style>\n</head>\n<body>\n"
                + body + "</body>\n</html>\n";
    }

    private static boolean isNumber(String s) {
        if (s.isEmpty()) {
            return false;
        }
        try {
            Double.parseDouble(s.replace(",", ""));
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
