package dlg.web;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.core.domain.JavaCall;
import com.tngtech.archunit.core.domain.properties.HasName;
import com.tngtech.archunit.core.domain.properties.HasOwner;
import com.tngtech.archunit.lang.ArchRule;

/** dlg-web's module rules: it serves pages over the manager's API and knows nothing of the CLI. */
@AnalyzeClasses(packages = "dlg.web")
class ArchitectureTest {

    @ArchTest
    static final ArchRule webKnowsNoModuleAboveIt = noClasses().that().resideInAPackage("dlg.web..")
            .should().dependOnClassesThat().resideInAPackage("dlg.daemon..")
            .because("dependencies point one way: core <- manager <- web <- daemon");

    @ArchTest
    static final ArchRule webHasNoCommandLine = noClasses().that().resideInAPackage("dlg.web..")
            .should().dependOnClassesThat().resideInAPackage("picocli..")
            .because("the command line is dlg-daemon's");

    @ArchTest
    static final ArchRule noMocks = noClasses().should().dependOnClassesThat().resideInAPackage("org.mockito..")
            .because("dlg uses hand-written Testing* fakes, not Mockito");

    @ArchTest
    static final ArchRule pagesAskTheCompositeManager = noClasses().that().resideInAPackage("dlg.web..")
            .should().dependOnClassesThat().haveFullyQualifiedName("dlg.manager.SubManager")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("dlg.manager.client.RestDropManagerClient")
            .orShould().callMethodWhere(JavaCall.Predicates.target(HasOwner.Predicates.With.owner(
                    HasName.Predicates.name("dlg.manager.client.Fanout"))))
            .because("only the CompositeManager talks to sub-managers: it picks the nodes and bounds the calls");
}
