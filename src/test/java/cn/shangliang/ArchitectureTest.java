package cn.shangliang;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Keeps the packages in the lanes of DESIGN.md. */
class ArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("cn.shangliang");

    @Test
    void layers_dependOnlyInTheDesignedDirection() {
        layeredArchitecture()
                .consideringOnlyDependenciesInAnyPackage("cn.shangliang..")
                .withOptionalLayers(true)
                .layer("app")
                .definedBy("cn.shangliang.app..")
                .layer("web")
                .definedBy("cn.shangliang.web..")
                .layer("store")
                .definedBy("cn.shangliang.store..")
                .layer("dialogue")
                .definedBy("cn.shangliang.dialogue..")
                .layer("matching")
                .definedBy("cn.shangliang.matching..")
                .layer("consultation")
                .definedBy("cn.shangliang.consultation..")
                .layer("channel")
                .definedBy("cn.shangliang.channel..")
                .layer("jobs")
                .definedBy("cn.shangliang.jobs..")
                .layer("report")
                .definedBy("cn.shangliang.report..")
                .whereLayer("app")
                .mayNotBeAccessedByAnyLayer()
                .whereLayer("web")
                .mayOnlyBeAccessedByLayers("app")
                .whereLayer("store")
                .mayOnlyBeAccessedByLayers("app")
                .whereLayer("dialogue")
                .mayOnlyBeAccessedByLayers("app", "web", "store", "report", "jobs")
                .whereLayer("matching")
                .mayOnlyBeAccessedByLayers("app", "dialogue", "store")
                .whereLayer("consultation")
                .mayOnlyBeAccessedByLayers("app", "web", "store", "dialogue", "matching", "jobs", "report")
                .whereLayer("channel")
                .mayOnlyBeAccessedByLayers("app", "web", "store", "dialogue", "jobs")
                .whereLayer("jobs")
                .mayOnlyBeAccessedByLayers("app")
                .whereLayer("report")
                .mayOnlyBeAccessedByLayers("app", "web", "jobs")
                .check(CLASSES);
    }

    @Test
    void consultation_dependsOnNothingOfOurs() {
        noClasses()
                .that()
                .resideInAPackage("cn.shangliang.consultation..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "cn.shangliang.app..",
                        "cn.shangliang.web..",
                        "cn.shangliang.channel..",
                        "cn.shangliang.dialogue..",
                        "cn.shangliang.matching..",
                        "cn.shangliang.store..",
                        "cn.shangliang.jobs..",
                        "cn.shangliang.report..")
                .check(CLASSES);
    }

    @Test
    void dialogue_keepsTheConversationOnly_noJobsNoExports() {
        noClasses()
                .that()
                .resideInAPackage("cn.shangliang.dialogue..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("cn.shangliang.jobs..", "cn.shangliang.report..")
                .check(CLASSES);
    }

    @Test
    void jobsAndReports_useTheCore_notTheStoreWebOrMatching() {
        noClasses()
                .that()
                .resideInAnyPackage("cn.shangliang.jobs..", "cn.shangliang.report..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "cn.shangliang.app..",
                        "cn.shangliang.web..",
                        "cn.shangliang.store..",
                        "cn.shangliang.matching..")
                .check(CLASSES);
    }

    @Test
    void reports_knowOfDialogueOnlyThePortTheyAnswer() {
        noClasses()
                .that()
                .resideInAPackage("cn.shangliang.report..")
                .should()
                .dependOnClassesThat(com.tngtech.archunit.base.DescribedPredicate.and(
                        com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage(
                                "cn.shangliang.dialogue.."),
                        com.tngtech.archunit.base.DescribedPredicate.not(
                                com.tngtech.archunit.core.domain.JavaClass.Predicates.equivalentTo(
                                        cn.shangliang.dialogue.ProgressTableRequests.class))))
                .check(CLASSES);
        noClasses()
                .that()
                .resideInAPackage("cn.shangliang.jobs..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("cn.shangliang.dialogue..")
                .check(CLASSES);
    }

    @Test
    void core_usesNoInfrastructureLibrary() {
        noClasses()
                .that()
                .resideInAPackage("cn.shangliang.consultation..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "redis.clients..",
                        "redis.embedded..",
                        "io.javalin..",
                        "com.fasterxml.jackson..",
                        "org.apache.lucene..",
                        "okhttp3..")
                .check(CLASSES);
    }

    @Test
    void dialogue_doesNotUseTheStore() {
        noClasses()
                .that()
                .resideInAPackage("cn.shangliang.dialogue..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("cn.shangliang.store..", "redis.clients..")
                .check(CLASSES);
    }

    @Test
    void platformSubpackages_doNotDependOnEachOther() {
        // channel.weixin is not a platform: it is the library WeCom and WeChat share (WXBizMsgCrypt, safe XML, API)
        String[] platforms = {"generic", "webchat", "terminal", "wecom", "wechat", "dingtalk", "telegram"};
        for (String platform : platforms) {
            String[] others = java.util.Arrays.stream(platforms)
                    .filter(p -> !p.equals(platform))
                    .map(p -> "cn.shangliang.channel." + p + "..")
                    .toArray(String[]::new);
            noClasses()
                    .that()
                    .resideInAPackage("cn.shangliang.channel." + platform + "..")
                    .should()
                    .dependOnClassesThat()
                    .resideInAnyPackage(others)
                    .check(CLASSES);
        }
        noClasses()
                .that()
                .resideInAPackage("cn.shangliang.channel.weixin..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(java.util.Arrays.stream(platforms)
                        .map(p -> "cn.shangliang.channel." + p + "..")
                        .toArray(String[]::new))
                .check(CLASSES);
    }

    @Test
    void infrastructureLibraries_stayInTheirPackages() {
        noClasses()
                .that()
                .resideOutsideOfPackages("cn.shangliang.store..", "cn.shangliang.app..", "cn.shangliang.web..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("redis.clients..", "redis.embedded..")
                .check(CLASSES);
        noClasses()
                .that()
                .resideOutsideOfPackages("cn.shangliang.web..", "cn.shangliang.app..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("io.javalin..")
                .check(CLASSES);
    }

    @Test
    void consultationCore_importsNoInfrastructure() {
        noClasses()
                .that()
                .resideInAPackage("cn.shangliang.consultation..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("redis.clients..", "io.javalin..", "com.fasterxml.jackson..", "org.apache.lucene..")
                .check(CLASSES);
    }
}
