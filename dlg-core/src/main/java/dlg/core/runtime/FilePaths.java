package dlg.core.runtime;

import dlg.core.graph.DropSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a FileDROP's file is (DALiuGE's rules): no {@code filepath} gives
 * {@code <sessionDir>/<uid date part>_<human key>}; a bare name or a relative path goes under the
 * session directory; a trailing {@code /} (or an existing directory) means "a generated name in
 * this directory"; {@code $VARS} and {@code {datetime}}, {@code {uid}}, {@code {auto}} are
 * expanded. Names made from oids are sanitised, so that an oid can never lead outside the
 * session directory.
 */
final class FilePaths {

    private static final Pattern ENV_VAR = Pattern.compile("\\$(\\{([A-Za-z_][A-Za-z0-9_]*)}|([A-Za-z_][A-Za-z0-9_]*))");
    private static final Pattern UNSAFE = Pattern.compile("[/:\\\\\\x00-\\x1f]");

    private FilePaths() {
    }

    /** @throws IllegalArgumentException naming what is wrong with the drop's {@code filepath} */
    static Path resolve(DropSpec spec, Path sessionDir, Map<String, String> env) {
        Object raw = spec.param("filepath");
        String fp = raw == null ? "" : raw.toString();
        if (fp.isEmpty()) {
            return sessionDir.resolve(generatedName(spec));
        }
        fp = expandEnv(fp, env);
        fp = fp.replace("{datetime}", LocalDate.now().toString())
                .replace("{uid}", sanitise(spec.uid()))
                .replace("{auto}", generatedName(spec))
                .replace("{dlg}", "DALIUGE");
        if (fp.endsWith("/")) {
            return sessionDir.resolve(fp).normalize().resolve(generatedName(spec));
        }
        Path p = sessionDir.resolve(fp).normalize();
        return Files.isDirectory(p) ? p.resolve(generatedName(spec)) : p;
    }

    /**
     * Whether {@code check_filepath_exists} applies to the drop's file. DALiuGE checks only a file
     * the user placed: a bare name (in the session directory) or a path whose directory is
     * absolute once {@code $VARS} are expanded. A name the engine generates (no
     * {@code filepath}) or a relative path with directories is made by the run, so it is not
     * checked.
     */
    static boolean existenceChecked(DropSpec spec, Map<String, String> env) {
        Object raw = spec.param("filepath");
        String fp = raw == null ? "" : raw.toString();
        if (fp.isEmpty()) {
            return false;
        }
        fp = expandEnv(fp, env);
        return !fp.contains("/") || fp.startsWith("/");
    }

    /** {@code <first part of the uid>_<human key>}, e.g. {@code 2022-02-11T08_05_47_-1_0}. */
    static String generatedName(DropSpec spec) {
        return sanitise(spec.uid().split("_", -1)[0] + "_" + spec.humanKey());
    }

    /** A single file name: no separators, control characters, nor {@code .} / {@code ..}. */
    private static String sanitise(String s) {
        String name = UNSAFE.matcher(s).replaceAll("_");
        return name.isEmpty() || name.equals(".") || name.equals("..") ? "_" + name : name;
    }

    private static String expandEnv(String fp, Map<String, String> env) {
        Matcher m = ENV_VAR.matcher(fp);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(2) != null ? m.group(2) : m.group(3);
            String value = env.get(name);
            if (value == null) {
                throw new IllegalArgumentException("filepath '" + fp + "' uses $" + name + ", which is not set");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }
}
