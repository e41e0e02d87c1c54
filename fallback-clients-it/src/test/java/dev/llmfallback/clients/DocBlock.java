package dev.llmfallback.clients;

/** A block of a Markdown file that a test writes, between two HTML comments that name it. */
final class DocBlock {

    private DocBlock() {
    }

    /** {@code text} with the block's content replaced by {@code content}; appended when the block is missing. */
    static String replace(String text, String name, String content) {
        String begin = "<!-- generated: " + name + " (ClientClassificationTest; do not edit by hand) -->";
        String end = "<!-- end generated: " + name + " -->";
        String block = begin + "\n" + content + "\n" + end;
        int from = text.indexOf(begin);
        int to = text.indexOf(end);
        if (from < 0 || to < from) {
            return text + (text.isEmpty() || text.endsWith("\n") ? "" : "\n") + "\n" + block + "\n";
        }
        return text.substring(0, from) + block + text.substring(to + end.length());
    }
}
