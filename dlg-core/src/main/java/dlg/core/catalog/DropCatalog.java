package dlg.core.catalog;

import dlg.core.app.Application;
import dlg.core.app.ParamSpec;
import dlg.core.error.GraphProblem;
import dlg.core.graph.Category;
import dlg.core.graph.DropSpec;
import dlg.core.graph.SpecChecker;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * The drop classes a graph may name: DALiuGE's class names mapped to our implementations, plus
 * users' own Java apps found on the classpath by their class name. Also checks each drop spec
 * against its class when a graph is loaded.
 *
 * <p>Thread-safe; immutable but for the cache of classes looked up on the classpath.
 */
public final class DropCatalog implements SpecChecker {

    private static final Pattern JAVA_NAME =
            Pattern.compile("[\\p{javaJavaIdentifierStart}][\\p{javaJavaIdentifierPart}.$]*");

    private final Map<String, DropType> types;
    private final Map<String, String> unsupported;
    private final ClassLoader classLoader;
    private final Map<String, Optional<DropType>> javaApps = new ConcurrentHashMap<>();

    private DropCatalog(Map<String, DropType> types, Map<String, String> unsupported, ClassLoader classLoader) {
        this.types = Map.copyOf(types);
        this.unsupported = Map.copyOf(unsupported);
        this.classLoader = classLoader;
    }

    /** DALiuGE's built-in drops and apps (section 11 of the protocol reference). */
    public static DropCatalog standard() {
        return BuiltIns.register(builder()).build();
    }

    /** The built-ins, and users' Java apps looked up through {@code appClassLoader}. */
    public static DropCatalog standard(ClassLoader appClassLoader) {
        return BuiltIns.register(builder()).classLoader(appClassLoader).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The type named {@code className}: a registered one, else a Java class implementing {@link Application}. */
    public Optional<DropType> find(String className) {
        DropType t = types.get(className);
        if (t != null) {
            return Optional.of(t);
        }
        if (unsupported.containsKey(className)) {
            return Optional.empty();
        }
        return javaApps.computeIfAbsent(className, this::loadJavaApp);
    }

    /** The type of a spec that passed {@link #check}. */
    public DropType typeOf(DropSpec spec) {
        return find(spec.dropClass()).orElseThrow(() -> new IllegalStateException(
                "drop '" + spec.oid() + "': class " + spec.dropClass() + " was not checked"));
    }

    /**
     * This catalog's checks for the drops of one append, checked in order on one thread: cheaper
     * for a run of drops alike (see {@link OneAppendChecker}).
     */
    public SpecChecker forOneAppend() {
        return new OneAppendChecker(this);
    }

    @Override
    public void check(DropSpec spec, Consumer<GraphProblem> problems) {
        if (spec.category() == Category.CONTAINER) {
            problems.accept(new GraphProblem(spec.oid(), "container drops are not supported"));
            return;
        }
        DropType type = types.get(spec.dropClass());
        if (type == null) {
            String reason = unsupported.get(spec.dropClass());
            if (reason != null) {
                problems.accept(new GraphProblem(spec.oid(), spec.dropClass() + " is not supported: " + reason));
                return;
            }
            Optional<DropType> found = find(spec.dropClass());
            if (found.isEmpty()) {
                String unusable = unusableJavaClass(spec.dropClass());
                problems.accept(new GraphProblem(spec.oid(), unusable != null ? unusable : unknownClass(spec)));
                return;
            }
            type = found.get();
        }
        if (spec.category().isApplication() != (type instanceof AppType)) {
            problems.accept(new GraphProblem(spec.oid(), spec.dropClass() + " is "
                    + (type instanceof AppType ? "an application" : "a data") + " class, but the drop is "
                    + spec.category().withArticle() + " drop"));
            return;
        }
        List<ParamSpec> params = type.params();
        for (int i = 0; i < params.size(); i++) { // no iterator: this runs for each of millions of drops
            ParamSpec p = params.get(i);
            Object raw = spec.param(p.name());
            try {
                if (p.type().convert(raw) == null && p.required() && !isPortBound(spec, p.name())) {
                    problems.accept(new GraphProblem(spec.oid(), "parameter '" + p.name() + "' of "
                            + shortName(spec.dropClass()) + " is required"));
                }
            } catch (IllegalArgumentException e) {
                if (!isPortBound(spec, p.name())) {
                    problems.accept(new GraphProblem(spec.oid(), "parameter '" + p.name() + "' of "
                            + shortName(spec.dropClass()) + ": " + e.getMessage()));
                }
            }
        }
    }

    private String unknownClass(DropSpec spec) {
        if (spec.dropClass().startsWith("dlg.")) {
            return spec.dropClass() + " is a DALiuGE class that dlg does not implement (yet)";
        }
        return spec.category().isApplication()
                ? "unknown application class '" + spec.dropClass() + "': not one of DALiuGE's built-in"
                  + " apps that dlg implements, nor a Java class on the classpath implementing "
                  + Application.class.getName()
                : "unknown data class '" + spec.dropClass() + "' (dlg has InMemoryDROP, FileDROP,"
                  + " NullDROP and EndDROP)";
    }

    /** A parameter read at run time from an input port of the same name may be empty at load. */
    private static boolean isPortBound(DropSpec spec, String name) {
        var arg = spec.appArgs().get(name);
        return arg != null && arg.isInputPort()
               && spec.links().stream().anyMatch(l -> name.equals(l.port()) && l.type().isIncoming());
    }

    private static String shortName(String className) {
        return className.substring(className.lastIndexOf('.') + 1);
    }

    /**
     * Why a class found on the classpath cannot serve as an application (so that a user whose own
     * class is refused learns why), or null when there is no such class.
     */
    private String unusableJavaClass(String className) {
        Class<?> c = javaClass(className);
        if (c == null) {
            return null;
        }
        if (!Application.class.isAssignableFrom(c)) {
            return "class " + className + " does not implement " + Application.class.getName();
        }
        if (Modifier.isAbstract(c.getModifiers())) {
            return "class " + className + " is abstract";
        }
        if (!Modifier.isPublic(c.getModifiers())) {
            return "class " + className + " is not public";
        }
        try {
            c.getConstructor();
        } catch (NoSuchMethodException e) {
            return "class " + className + " has no public no-argument constructor";
        }
        return null;
    }

    private Class<?> javaClass(String className) {
        if (!JAVA_NAME.matcher(className).matches()) {
            return null;
        }
        try {
            return Class.forName(className, false, classLoader);
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
    }

    private Optional<DropType> loadJavaApp(String className) {
        Class<?> c = javaClass(className);
        if (c == null || unusableJavaClass(className) != null) {
            return Optional.empty();
        }
        try {
            Constructor<? extends Application> ctor = c.asSubclass(Application.class).getConstructor();
            return Optional.of(new AppType(className, List.of(), () -> {
                try {
                    return ctor.newInstance();
                } catch (InvocationTargetException e) {
                    Throwable cause = e.getCause();
                    throw new IllegalStateException("cannot create " + className + ": its constructor threw "
                            + cause, cause);
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException("cannot create " + className + ": " + e, e);
                }
            }));
        } catch (NoSuchMethodException e) {
            return Optional.empty();
        }
    }

    /** Registers classes under DALiuGE's names (and older aliases). */
    public static final class Builder {
        private final Map<String, DropType> types = new HashMap<>();
        private final Map<String, String> unsupported = new HashMap<>();
        private ClassLoader classLoader = DropCatalog.class.getClassLoader();

        public Builder add(DropType type, String... aliases) {
            types.put(type.className(), type);
            for (String alias : aliases) {
                types.put(alias, type);
            }
            return this;
        }

        /** A class DALiuGE has that dlg refuses with a clear reason. */
        public Builder unsupported(String className, String reason) {
            unsupported.put(className, reason);
            return this;
        }

        public Builder classLoader(ClassLoader classLoader) {
            this.classLoader = classLoader;
            return this;
        }

        public DropCatalog build() {
            return new DropCatalog(types, unsupported, classLoader);
        }
    }
}
