package dlg.core.catalog;

import static dlg.core.graph.Graphs.app;
import static dlg.core.graph.Graphs.data;
import static dlg.core.graph.Graphs.drop;
import static dlg.core.graph.Graphs.dropSpec;
import static dlg.core.graph.Graphs.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dlg.core.app.ParamSpec;
import dlg.core.error.GraphProblem;
import dlg.core.graph.DropSpec;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DropCatalogTest {

    private static final String SLEEP = "dlg.apps.simple.SleepApp";
    private static final String RANDOM = "dlg.apps.simple.RandomArrayApp";
    private static final String BASH = "dlg.apps.bash_shell_app.BashShellApp";

    private final DropCatalog catalog = DropCatalog.standard();

    private List<GraphProblem> check(DropCatalog catalog, String drop) {
        List<GraphProblem> problems = new ArrayList<>();
        catalog.check(dropSpec(drop), problems::add);
        return problems;
    }

    private List<GraphProblem> check(String drop) {
        return check(catalog, drop);
    }

    private static String appOf(String dropClass, String... extra) {
        return drop("B", "Application", dropClass, extra);
    }

    // ---- Built-in classes ----

    @ParameterizedTest
    @CsvSource({
            "dlg.data.drops.memory.InMemoryDROP, MEMORY", "dlg.drop.InMemoryDROP, MEMORY",
            "dlg.data.drops.file.FileDROP, FILE", "dlg.drop.FileDROP, FILE",
            "dlg.data.drops.data_base.NullDROP, NULL", "dlg.drop.NullDROP, NULL",
            "dlg.data.drops.data_base.EndDROP, END", "dlg.drop.EndDROP, END"})
    void find_builtInDataClass_isDataTypeOfItsKind(String className, DataKind kind) {
        DropType type = catalog.find(className).orElseThrow();

        assertThat(type).isInstanceOfSatisfying(DataType.class, t -> assertThat(t.kind()).isEqualTo(kind));
    }

    @Test
    void find_dataAlias_isTheSameTypeAsItsDaliugeName() {
        assertThat(catalog.find("dlg.drop.FileDROP")).containsSame(catalog.find("dlg.data.drops.file.FileDROP").orElseThrow());
        assertThat(catalog.find("dlg.drop.FileDROP").orElseThrow().className()).isEqualTo("dlg.data.drops.file.FileDROP");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "dlg.apps.simple.NullBarrierApp", "dlg.apps.simple.DALiuGEApp", SLEEP, "dlg.apps.simple.CopyApp",
            "dlg.apps.simple.SleepAndCopyApp", "dlg.apps.simple.HelloWorldApp", RANDOM,
            "dlg.apps.simple.GenericScatterApp", "dlg.apps.simple.GenericGatherApp", "dlg.apps.simple.PickOne",
            "dlg.apps.socket_listener.SocketListenerApp", BASH})
    void find_builtInApp_isAppTypeThatMakesInstances(String className) {
        DropType type = catalog.find(className).orElseThrow();

        assertThat(type).isInstanceOfSatisfying(AppType.class, t -> {
            assertThat(t.className()).isEqualTo(className);
            assertThat(t.factory().get()).isNotNull();
            assertThat(t.params()).extracting(ParamSpec::name).contains("input_error_threshold", "n_tries");
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "dlg.apps.simple.NullBarrierApp", "dlg.apps.simple.DALiuGEApp", SLEEP, "dlg.apps.simple.CopyApp",
            "dlg.apps.simple.SleepAndCopyApp", "dlg.apps.simple.HelloWorldApp", RANDOM,
            "dlg.apps.simple.GenericScatterApp", "dlg.apps.simple.GenericGatherApp", "dlg.apps.simple.PickOne",
            "dlg.apps.socket_listener.SocketListenerApp"})
    void check_builtInAppWithoutParams_hasNoProblem(String className) {
        assertThat(check(appOf(className))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "dlg.data.drops.memory.InMemoryDROP", "dlg.drop.InMemoryDROP", "dlg.data.drops.file.FileDROP",
            "dlg.drop.FileDROP", "dlg.data.drops.data_base.NullDROP", "dlg.drop.NullDROP",
            "dlg.data.drops.data_base.EndDROP", "dlg.drop.EndDROP"})
    void check_builtInDataClass_hasNoProblem(String className) {
        assertThat(check(drop("A", "Data", className))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"dlg.apps.simple.GenericNpyGatherApp", "dlg.apps.simple.SimpleBranch"})
    void find_branchAndNpyGather_areBuiltInAppsWithoutRequiredParams(String className) {
        assertThat(catalog.find(className).orElseThrow()).isInstanceOfSatisfying(AppType.class,
                t -> assertThat(t.factory().get()).isNotNull());
        assertThat(check(appOf(className))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"dlg.data.drops.memory.SharedMemoryDROP", "dlg.data.drops.shared_memory.SharedMemoryDROP",
            "dlg.drop.SharedMemoryDROP"})
    void check_sharedMemoryClass_hasNoProblem(String className) {
        assertThat(check(drop("A", "Data", className, "'persist': true"))).isEmpty();
    }

    @Test
    void check_socketWithDefaultClass_hasNoProblem() {
        assertThat(check(drop("S", "socket", null, "'port': 1111", "'reuse_addr': true"))).isEmpty();
    }

    @Test
    void check_legacyDrops_haveNoProblem() {
        assertThat(check(json("{'oid': 'A', 'type': 'plain', 'storage': 'Memory'}"))).isEmpty();
        assertThat(check(json("{'oid': 'B', 'type': 'app', 'app': 'dfms.apps.simple.SleepApp', 'sleep_time': 1}")))
                .isEmpty();
    }

    @Test
    void typeOf_checkedSpec_isItsType() {
        DropSpec spec = dropSpec(appOf(SLEEP));

        assertThat(catalog.typeOf(spec)).isSameAs(catalog.find(SLEEP).orElseThrow());
    }

    @Test
    void typeOf_uncheckableSpec_throwsNamingDropAndClass() {
        DropSpec spec = dropSpec(appOf("dlg.apps.simple.NoSuchApp"));

        assertThatThrownBy(() -> catalog.typeOf(spec))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("drop 'B': class dlg.apps.simple.NoSuchApp was not checked");
    }

    // ---- Unknown and unsupported classes ----

    @Test
    void check_pyFuncApp_isAnApplication() {
        assertThat(check(appOf("dlg.apps.pyfunc.PyFuncApp"))).isEmpty();
        assertThat(catalog.find("dlg.apps.pyfunc.PyFuncApp")).isPresent();
    }

    @Test
    void check_unknownDaliugeClass_isNotImplementedByDlg() {
        assertThat(check(appOf("dlg.apps.simple.AverageArraysApp"))).containsExactly(new GraphProblem("B",
                "dlg.apps.simple.AverageArraysApp is a DALiuGE class that dlg does not implement (yet)"));
    }

    @Test
    void check_legacyStorageDlgDoesNotHave_isNotImplementedByDlg() {
        assertThat(check(json("{'oid': 'A', 'type': 'plain', 'storage': 'S3'}"))).containsExactly(new GraphProblem("A",
                "dlg.data.drops.s3_drop.S3DROP is a DALiuGE class that dlg does not implement (yet)"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"com.example.Missing", "not a class!", "Missing"})
    void check_unknownApplicationClass_mentionsTheApplicationInterface(String className) {
        assertThat(check(appOf(className))).containsExactly(new GraphProblem("B", "unknown application class '"
                + className + "': not one of DALiuGE's built-in apps that dlg implements, nor a Java class on the"
                + " classpath implementing dlg.core.app.Application"));
    }

    @Test
    void check_unknownDataClass_listsTheDataClassesDlgHas() {
        assertThat(check(drop("A", "Data", "com.example.Store"))).containsExactly(new GraphProblem("A",
                "unknown data class 'com.example.Store' (dlg has InMemoryDROP, FileDROP, NullDROP and EndDROP)"));
    }

    @Test
    void check_container_isNotSupported() {
        assertThat(check(drop("K", "Container", null)))
                .containsExactly(new GraphProblem("K", "container drops are not supported"));
    }

    // ---- Users' Java applications ----

    @Test
    void find_userJavaApplication_isFoundByItsName() {
        DropType type = catalog.find(TestingApp.class.getName()).orElseThrow();

        assertThat(type).isInstanceOfSatisfying(AppType.class, t -> {
            assertThat(t.className()).isEqualTo("dlg.core.catalog.TestingApp");
            assertThat(t.params()).isEmpty();
            assertThat(t.factory().get()).isInstanceOf(TestingApp.class);
            assertThat(t.factory().get()).isNotSameAs(t.factory().get());
        });
    }

    @Test
    void check_userJavaApplication_hasNoProblem() {
        DropSpec spec = dropSpec(appOf("dlg.core.catalog.TestingApp"));
        List<GraphProblem> problems = new ArrayList<>();

        catalog.check(spec, problems::add);

        assertThat(problems).isEmpty();
        assertThat(catalog.typeOf(spec).className()).isEqualTo("dlg.core.catalog.TestingApp");
    }

    @Test
    void check_javaClassNotImplementingApplication_isRefusedSayingSo() {
        assertThat(check(appOf("java.lang.String"))).containsExactly(
                new GraphProblem("B", "class java.lang.String does not implement dlg.core.app.Application"));
        assertThat(check(appOf("dlg.core.catalog.NotAnApplication"))).containsExactly(new GraphProblem("B",
                "class dlg.core.catalog.NotAnApplication does not implement dlg.core.app.Application"));
        assertThat(catalog.find("dlg.core.catalog.NotAnApplication")).isEmpty();
    }

    @Test
    void check_abstractApplication_isRefused() {
        assertThat(check(appOf("dlg.core.catalog.AbstractTestingApp")))
                .containsExactly(new GraphProblem("B", "class dlg.core.catalog.AbstractTestingApp is abstract"));
        assertThat(check(appOf("dlg.core.app.Application")))
                .containsExactly(new GraphProblem("B", "class dlg.core.app.Application is abstract"));
    }

    @Test
    void check_applicationWithoutNoArgConstructor_isRefused() {
        assertThat(check(appOf("dlg.core.catalog.TestingAppWithArgs"))).containsExactly(new GraphProblem("B",
                "class dlg.core.catalog.TestingAppWithArgs has no public no-argument constructor"));
        assertThat(catalog.find("dlg.core.catalog.TestingAppWithArgs")).isEmpty();
    }

    @Test
    void check_nonPublicApplication_isRefused() {
        assertThat(check(appOf("dlg.core.catalog.PackagePrivateApp")))
                .containsExactly(new GraphProblem("B", "class dlg.core.catalog.PackagePrivateApp is not public"));
        assertThat(catalog.find("dlg.core.catalog.PackagePrivateApp")).isEmpty();
    }

    @Test
    void check_classLoaderThatCannotSeeTheApp_isUnknown() {
        DropCatalog isolated = BuiltIns.register(DropCatalog.builder()).classLoader(new ClassLoader(null) { }).build();

        assertThat(isolated.find("dlg.core.catalog.TestingApp")).isEmpty();
        assertThat(check(isolated, appOf("dlg.core.catalog.TestingApp"))).singleElement()
                .extracting(GraphProblem::oid).isEqualTo("B");
    }

    // ---- Category against class ----

    @Test
    void check_dataClassForApplicationDrop_isRefused() {
        assertThat(check(appOf("dlg.data.drops.memory.InMemoryDROP"))).containsExactly(new GraphProblem("B",
                "dlg.data.drops.memory.InMemoryDROP is a data class, but the drop is an Application drop"));
    }

    @Test
    void check_dataClassForSocketDrop_isRefused() {
        assertThat(check(drop("S", "socket", "dlg.data.drops.file.FileDROP"))).containsExactly(new GraphProblem("S",
                "dlg.data.drops.file.FileDROP is a data class, but the drop is a Socket drop"));
    }

    @Test
    void check_applicationClassForDataDrop_isRefused() {
        assertThat(check(drop("A", "Data", SLEEP))).containsExactly(
                new GraphProblem("A", "dlg.apps.simple.SleepApp is an application class, but the drop is a Data drop"));
        assertThat(check(drop("A", "Data", "dlg.core.catalog.TestingApp"))).containsExactly(new GraphProblem("A",
                "dlg.core.catalog.TestingApp is an application class, but the drop is a Data drop"));
    }

    // ---- Parameters ----

    @Test
    void check_floatParamNotANumber_namesTheParameter() {
        assertThat(check(appOf(SLEEP, "'sleep_time': 'abc'"))).containsExactly(
                new GraphProblem("B", "parameter 'sleep_time' of SleepApp: not a number: 'abc'"));
    }

    @Test
    void check_intParamWithFraction_namesTheParameter() {
        assertThat(check(appOf(RANDOM, "'size': 1.5"))).containsExactly(
                new GraphProblem("B", "parameter 'size' of RandomArrayApp: not an integer: 1.5"));
    }

    @Test
    void check_boolParamNotABoolean_namesTheParameter() {
        assertThat(check(appOf(RANDOM, "'integer': 'maybe'"))).containsExactly(
                new GraphProblem("B", "parameter 'integer' of RandomArrayApp: not a boolean: 'maybe'"));
    }

    @Test
    void check_nestedValueForNumber_namesTheParameter() {
        assertThat(check(appOf(SLEEP, "'sleep_time': [1]"))).containsExactly(
                new GraphProblem("B", "parameter 'sleep_time' of SleepApp: not a number: [1]"));
    }

    @Test
    void check_commonAppParam_isCheckedForEveryApp() {
        assertThat(check(appOf("dlg.apps.simple.CopyApp", "'input_error_threshold': 'x'", "'bufsize': 'big'")))
                .containsExactly(
                        new GraphProblem("B", "parameter 'input_error_threshold' of CopyApp: not an integer: 'x'"),
                        new GraphProblem("B", "parameter 'bufsize' of CopyApp: not an integer: 'big'"));
    }

    @Test
    void check_timeLimits_areCheckedForEveryApp() {
        assertThat(check(appOf("dlg.apps.simple.CopyApp", "'timeout': 'soon'", "'dependency_timeout': [1]",
                "'retry_delay': 'later'")))
                .containsExactly(
                        new GraphProblem("B", "parameter 'timeout' of CopyApp: not a number: 'soon'"),
                        new GraphProblem("B", "parameter 'dependency_timeout' of CopyApp: not a number: [1]"),
                        new GraphProblem("B", "parameter 'retry_delay' of CopyApp: not a number: 'later'"));
    }

    @Test
    void check_dataDropParam_isChecked() {
        assertThat(check(drop("F", "Data", "dlg.data.drops.file.FileDROP", "'check_filepath_exists': 'maybe'")))
                .containsExactly(new GraphProblem("F",
                        "parameter 'check_filepath_exists' of FileDROP: not a boolean: 'maybe'"));
    }

    @Test
    void check_socketParam_isChecked() {
        assertThat(check(drop("S", "socket", null, "'port': 'abc'"))).containsExactly(
                new GraphProblem("S", "parameter 'port' of SocketListenerApp: not an integer: 'abc'"));
    }

    @Test
    void check_numbersAndBooleansAsStrings_areAccepted() {
        assertThat(check(appOf(RANDOM, "'low': '0'", "'high': '10.5'", "'size': '5'", "'integer': '1'"))).isEmpty();
        assertThat(check(appOf(RANDOM, "'integer': 'False'", "'size': 5.0"))).isEmpty();
        assertThat(check(appOf(RANDOM, "'integer': 0"))).isEmpty();
        assertThat(check(data("A", "'persist': 'true'", "'expireAfterUse': '0'"))).isEmpty();
        assertThat(check(drop("F", "Data", "dlg.data.drops.file.FileDROP", "'check_filepath_exists': '1'"))).isEmpty();
    }

    @Test
    void check_emptyStringOrNull_isUnset() {
        assertThat(check(appOf(SLEEP, "'sleep_time': ''"))).isEmpty();
        assertThat(check(appOf(SLEEP, "'sleep_time': null"))).isEmpty();
        assertThat(check(appOf(RANDOM, "'size': ''", "'integer': null"))).isEmpty();
    }

    @Test
    void check_bashWithoutCommand_saysItIsRequired() {
        GraphProblem required = new GraphProblem("B", "parameter 'command' of BashShellApp is required");

        assertThat(check(appOf(BASH))).containsExactly(required);
        assertThat(check(appOf(BASH, "'command': ''"))).containsExactly(required);
        assertThat(check(appOf(BASH, "'command': null"))).containsExactly(required);
    }

    @Test
    void check_bashWithCommand_hasNoProblem() {
        assertThat(check(appOf(BASH, "'command': 'echo hi'"))).isEmpty();
        assertThat(check(appOf(BASH, "'applicationArgs': {'command': {'value': 'echo hi', 'usage': 'NoPort'}}")))
                .isEmpty();
    }

    @Test
    void check_applicationArgsValue_overridesTopLevelKey() {
        assertThat(check(appOf(SLEEP, "'sleep_time': 1", "'applicationArgs': {'sleep_time': {'value': 'abc'}}")))
                .containsExactly(new GraphProblem("B", "parameter 'sleep_time' of SleepApp: not a number: 'abc'"));
        assertThat(check(appOf(SLEEP, "'sleep_time': 'abc'", "'applicationArgs': {'sleep_time': {'value': 2}}")))
                .isEmpty();
    }

    @Test
    void check_paramBoundToInputPort_isNotTypeCheckedAtLoad() {
        String drop = appOf(SLEEP, "'inputs': [{'X': 'sleep_time'}]",
                "'applicationArgs': {'sleep_time': {'value': 'abc', 'usage': 'InputPort'}}");

        assertThat(check(drop)).isEmpty();
    }

    @Test
    void check_inputOutputArgBoundToInputPort_isNotTypeCheckedAtLoad() {
        String drop = appOf(SLEEP, "'inputs': [{'X': 'sleep_time'}]",
                "'applicationArgs': {'sleep_time': {'value': 'abc', 'usage': 'InputOutput'}}");

        assertThat(check(drop)).isEmpty();
    }

    @Test
    void check_inputPortArgWithoutMatchingLink_isTypeChecked() {
        String drop = appOf(SLEEP, "'inputs': [{'X': 'other'}, 'Y']",
                "'applicationArgs': {'sleep_time': {'value': 'abc', 'usage': 'InputPort'}}");

        assertThat(check(drop)).containsExactly(
                new GraphProblem("B", "parameter 'sleep_time' of SleepApp: not a number: 'abc'"));
    }

    @Test
    void check_noPortArgWithMatchingLink_isTypeChecked() {
        String drop = appOf(SLEEP, "'inputs': [{'X': 'sleep_time'}]",
                "'applicationArgs': {'sleep_time': {'value': 'abc', 'usage': 'NoPort'}}");

        assertThat(check(drop)).containsExactly(
                new GraphProblem("B", "parameter 'sleep_time' of SleepApp: not a number: 'abc'"));
    }

    @Test
    void check_outputPortNamedLikeTheParam_isTypeChecked() {
        String drop = appOf(SLEEP, "'outputs': [{'X': 'sleep_time'}]",
                "'applicationArgs': {'sleep_time': {'value': 'abc', 'usage': 'InputPort'}}");

        assertThat(check(drop)).containsExactly(
                new GraphProblem("B", "parameter 'sleep_time' of SleepApp: not a number: 'abc'"));
    }

    @Test
    void check_requiredParamBoundToInputPort_isNotRequiredAtLoad() {
        String drop = appOf(BASH, "'inputs': [{'X': 'command'}]",
                "'applicationArgs': {'command': {'value': '', 'usage': 'InputPort'}}");

        assertThat(check(drop)).isEmpty();
    }

    // ---- Builder ----

    @Test
    void builder_customTypesAndUnsupportedClasses_areUsed() {
        DropCatalog custom = DropCatalog.builder()
                .add(new DataType("my.Store", DataKind.MEMORY, List.of(ParamSpec.ofInt("slots", 1))), "old.Store")
                .unsupported("my.Legacy", "it was retired")
                .build();

        assertThat(check(custom, drop("A", "Data", "old.Store", "'slots': 'x'"))).containsExactly(
                new GraphProblem("A", "parameter 'slots' of Store: not an integer: 'x'"));
        assertThat(check(custom, appOf("my.Legacy"))).containsExactly(
                new GraphProblem("B", "my.Legacy is not supported: it was retired"));
        assertThat(custom.find(SLEEP)).isEmpty();
    }
}
