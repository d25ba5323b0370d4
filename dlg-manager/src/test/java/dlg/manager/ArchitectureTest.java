package dlg.manager;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dlg.manager.client.Fanout;
import java.util.Map;

/** dlg-manager's module rules: it serves the UI and the CLI, never the other way round. */
@AnalyzeClasses(packages = "dlg.manager")
class ArchitectureTest {

    @ArchTest
    static final ArchRule managerKnowsNoModuleAboveIt = noClasses().that().resideInAPackage("dlg.manager..")
            .should().dependOnClassesThat().resideInAnyPackage("dlg.web..", "dlg.daemon..")
            .because("dependencies point one way: core <- manager <- web <- daemon");

    @ArchTest
    static final ArchRule managerHasNoCommandLine = noClasses().that().resideInAPackage("dlg.manager..")
            .should().dependOnClassesThat().resideInAPackage("picocli..")
            .because("the command line is dlg-daemon's");

    @ArchTest
    static final ArchRule noMocks = noClasses().should().dependOnClassesThat().resideInAPackage("org.mockito..")
            .because("dlg uses hand-written Testing* fakes, not Mockito");

    @ArchTest
    static final ArchRule dataTravelsOnPlainSockets = noClasses().that().resideInAPackage("dlg.manager.data..")
            .should().dependOnClassesThat().resideInAnyPackage("io.javalin..", "org.zeromq..", "dlg.manager.rest..",
                    "dlg.manager.events..")
            .because("drop data between NodeManagers has a protocol of its own, apart from REST and events");

    @ArchTest
    static final ArchRule onlyTheCompositeManagerTalksToSubManagers = noClasses()
            .that().resideOutsideOfPackages("dlg.manager.composite..", "dlg.manager.client..", "dlg.manager.service..")
            .should().dependOnClassesThat().haveFullyQualifiedName("dlg.manager.SubManager")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("dlg.manager.client.RestDropManagerClient")
            .orShould().callMethod(Fanout.class, "settle", Map.class, Fanout.Call.class)
            .orShould().callMethod(Fanout.class, "call", Map.class, Fanout.Call.class)
            .orShould().callMethod(Fanout.class, "run", Map.class, Fanout.Action.class)
            .because("the CompositeManager picks the nodes a call goes to and bounds it; the REST API asks it");
}
