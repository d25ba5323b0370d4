package dlg.manager.events;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.zeromq.ZContext;
import org.zeromq.ZEvent;
import org.zeromq.ZMQ;

/**
 * The threading model of the event classes, as far as it can be read from the code: ZeroMQ
 * sockets are used only by the *Loop classes, which run on the thread that owns them, and the
 * context comes from the NodeManager.
 */
@AnalyzeClasses(packages = "dlg.manager.events", importOptions = ImportOption.DoNotIncludeTests.class)
class EventsArchitectureTest {

    @ArchTest
    static final ArchRule onlyLoopsUseSockets = noClasses().that().haveSimpleNameNotEndingWith("Loop")
            .should().accessClassesThat().belongToAnyOf(ZMQ.Socket.class, ZMQ.Poller.class, ZEvent.class)
            .because("a ZeroMQ socket is not thread-safe: only the loop running on its thread may use it");

    @ArchTest
    static final ArchRule socketsArePrivateToLoops = fields().that().haveRawType(ZMQ.Socket.class)
            .should().bePrivate().andShould().beDeclaredInClassesThat().haveSimpleNameEndingWith("Loop")
            .because("a socket that escapes its loop could be used from another thread");

    @ArchTest
    static final ArchRule noContextOfTheirOwn = noClasses()
            .should().callConstructorWhere(describe("a ZContext constructor",
                    call -> call.getTargetOwner().isEquivalentTo(ZContext.class)))
            .because("one ZeroMQ context per process, owned by the NodeManager (DALiuGE PR #14)");
}
