package io.preflight.rules.site;

import io.preflight.rules.RuleSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.drools.drl.ast.descr.AbstractClassTypeDeclarationDescr;
import org.drools.drl.ast.descr.AnnotationDescr;
import org.drools.drl.ast.descr.AttributeDescr;
import org.drools.drl.ast.descr.BaseDescr;
import org.drools.drl.ast.descr.GlobalDescr;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.RuleDescr;
import org.drools.drl.parser.DrlParser;
import org.drools.drl.parser.DroolsParserException;

/**
 * The shape of one DRL file as a rule author sees it: its rules (name, id, line, metadata annotations with their
 * lines, attributes, action), its {@code declare}s and its globals; and the file's text with comments and string
 * literals blanked out, for scanning code without tripping over prose. Built with Drools' own DRL parser; a file
 * that does not parse has {@link #parsed()} false and no rules (the compiler reports its syntax errors).
 */
public final class DrlOutline {
    /** A metadata annotation, e.g. {@code @severity("WARNING")}: its value without quotes and its line. */
    public record Annotation(String name, String value, int line) {
    }

    /** A rule attribute, e.g. {@code salience 10}. */
    public record Attribute(String name, String value, int line) {
    }

    /** A {@code declare} (type, enum, entry point or window) and its line. */
    public record Declaration(String kind, String name, int line) {
    }

    /** A {@code global} and its line. */
    public record Global(String name, String type, int line) {
    }

    /**
     * One rule.
     *
     * @param id          the {@code @id} it reports under, else its name
     * @param actionStart offset in {@link DrlOutline#code()} just after {@code then}; -1 when unknown
     * @param actionEnd   offset of the rule's {@code end}; -1 when unknown
     */
    public record Rule(String name, String id, int line, Map<String, Annotation> annotations,
                       List<Attribute> attributes, int actionStart, int actionEnd) {
        public Annotation annotation(String n) {
            return annotations.get(n);
        }
    }

    private static final Pattern WHEN = Pattern.compile("\\bwhen\\b");
    private static final Pattern THEN = Pattern.compile("\\bthen\\b");
    private static final Pattern END = Pattern.compile("\\bend\\b");

    private final RuleSource source;
    private final String code;
    private final int[] lineStarts;
    private final boolean parsed;
    private final String packageName;
    private final List<Rule> rules = new ArrayList<>();
    private final List<Declaration> declarations = new ArrayList<>();
    private final List<Global> globals = new ArrayList<>();

    private DrlOutline(RuleSource source) {
        this.source = source;
        this.code = codeOnly(source.text());
        this.lineStarts = lineStarts(source.text());
        PackageDescr pkg = null;
        try {
            DrlParser parser = new DrlParser();
            pkg = parser.parse((org.kie.api.io.Resource) null, source.text());
            if (parser.hasErrors()) pkg = null;
        } catch (DroolsParserException | RuntimeException e) {
            pkg = null;
        }
        this.parsed = pkg != null;
        this.packageName = pkg == null ? null : pkg.getName();
        if (pkg == null) return;
        for (AbstractClassTypeDeclarationDescr d : pkg.getClassAndEnumDeclarationDescrs()) {
            declarations.add(new Declaration("type", d.getTypeName(), line(d)));
        }
        pkg.getEntryPointDeclarations().forEach(d -> declarations.add(new Declaration("entry-point",
                d.getEntryPointId(), line(d))));
        pkg.getWindowDeclarations().forEach(d -> declarations.add(new Declaration("window", d.getName(), line(d))));
        for (GlobalDescr g : pkg.getGlobals()) globals.add(new Global(g.getIdentifier(), g.getType(), line(g)));
        for (RuleDescr r : pkg.getRules()) {
            if (r.isQuery()) continue;
            rules.add(rule(r));
        }
    }

    /** The outline of one source. */
    public static DrlOutline of(RuleSource source) {
        return new DrlOutline(source);
    }

    private Rule rule(RuleDescr r) {
        int start = offsetOfLine(r.getLine());
        Matcher when = WHEN.matcher(code);
        int whenAt = start >= 0 && when.find(start) ? when.start() : -1;
        Map<String, Annotation> annotations = new LinkedHashMap<>();
        for (AnnotationDescr a : r.getAnnotations()) {
            int line = r.getLine();
            if (start >= 0) {
                Matcher m = Pattern.compile("@" + Pattern.quote(a.getName()) + "\\b").matcher(code);
                if (m.find(start) && (whenAt < 0 || m.start() < whenAt)) line = lineOf(m.start());
            }
            annotations.put(a.getName(), new Annotation(a.getName(), unquote(a.getSingleValueAsString()), line));
        }
        List<Attribute> attributes = new ArrayList<>();
        for (AttributeDescr a : r.getAttributes().values()) {
            attributes.add(new Attribute(a.getName(), a.getValue(), a.getLine() > 0 ? a.getLine() : r.getLine()));
        }
        attributes.sort((x, y) -> Integer.compare(x.line(), y.line()));
        int actionStart = -1;
        int actionEnd = -1;
        if (r.getConsequenceLine() > 0) {
            Matcher then = THEN.matcher(code);
            if (then.find(offsetOfLine(r.getConsequenceLine()))) {
                actionStart = then.end();
                Matcher end = END.matcher(code);
                int endLineStart = r.getEndLine() > 0 ? offsetOfLine(r.getEndLine()) : actionStart;
                if (end.find(Math.max(actionStart, endLineStart))) actionEnd = end.start();
            }
        }
        Annotation id = annotations.get("id");
        return new Rule(r.getName(), id != null && id.value() != null ? id.value() : r.getName(), r.getLine(),
                annotations, attributes, actionStart, actionEnd);
    }

    public RuleSource source() {
        return source;
    }

    /** True when Drools' parser read the file; otherwise its syntax errors are the compiler's to report. */
    public boolean parsed() {
        return parsed;
    }

    /** The DRL {@code package}, or null. */
    public String packageName() {
        return packageName;
    }

    public List<Rule> rules() {
        return rules;
    }

    public List<Declaration> declarations() {
        return declarations;
    }

    public List<Global> globals() {
        return globals;
    }

    /** The text with comments and string/char literals replaced by spaces; newlines and offsets kept. */
    public String code() {
        return code;
    }

    /** The action text of a rule (code only), or "" when unknown. */
    public String action(Rule r) {
        return r.actionStart() >= 0 && r.actionEnd() > r.actionStart() ? code.substring(r.actionStart(), r.actionEnd())
                : "";
    }

    /** The 1-based line of an offset in the text. */
    public int lineOf(int offset) {
        int lo = 0;
        int hi = lineStarts.length - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (lineStarts[mid] <= offset) lo = mid; else hi = mid - 1;
        }
        return lo + 1;
    }

    private int offsetOfLine(int line) {
        if (line <= 0 || line > lineStarts.length) return -1;
        return lineStarts[line - 1];
    }

    private static int line(BaseDescr d) {
        return Math.max(d.getLine(), 0);
    }

    private static int[] lineStarts(String text) {
        List<Integer> starts = new ArrayList<>();
        starts.add(0);
        for (int i = 0; i < text.length(); i++) if (text.charAt(i) == '\n') starts.add(i + 1);
        return starts.stream().mapToInt(Integer::intValue).toArray();
    }

    static String unquote(String s) {
        if (s == null) return null;
        String v = s.trim();
        if (v.length() >= 2 && (v.startsWith("\"") && v.endsWith("\"") || v.startsWith("'") && v.endsWith("'"))) {
            v = v.substring(1, v.length() - 1).replace("\\\"", "\"");
        }
        return v;
    }

    /** {@code text} with comments and string/char literals blanked (spaces), line breaks kept. */
    static String codeOnly(String text) {
        StringBuilder b = new StringBuilder(text.length());
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            char next = i + 1 < n ? text.charAt(i + 1) : 0;
            if (c == '/' && next == '/') {
                while (i < n && text.charAt(i) != '\n') {
                    b.append(' ');
                    i++;
                }
            } else if (c == '/' && next == '*') {
                b.append("  ");
                i += 2;
                while (i < n && !(text.charAt(i) == '*' && i + 1 < n && text.charAt(i + 1) == '/')) {
                    b.append(text.charAt(i) == '\n' ? '\n' : ' ');
                    i++;
                }
                if (i < n) {
                    b.append("  ");
                    i += 2;
                }
            } else if (c == '"' || c == '\'') {
                b.append(c);
                i++;
                while (i < n && text.charAt(i) != c && text.charAt(i) != '\n') {
                    if (text.charAt(i) == '\\' && i + 1 < n && text.charAt(i + 1) != '\n') {
                        b.append("  ");
                        i += 2;
                        continue;
                    }
                    b.append(' ');
                    i++;
                }
                if (i < n && text.charAt(i) == c) {
                    b.append(c);
                    i++;
                }
            } else {
                b.append(c);
                i++;
            }
        }
        return b.toString();
    }
}
