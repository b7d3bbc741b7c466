package com.practicescheduler.query.practice;

import com.practicescheduler.api.practice.PracticeSettings;
import com.practicescheduler.platform.security.Actor;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The practice's settings as every role reads them. */
@Tag(name = "Practice")
@RestController
@RequestMapping("/api/v1")
@PreAuthorize("hasAnyRole('SCHEDULER','CLINICIAN','PRACTICE_ADMIN','COMPLIANCE_OFFICER','ANALYST')")
class PracticeQueryController {

    private final PracticeProjection practices;

    PracticeQueryController(PracticeProjection practices) {
        this.practices = practices;
    }

    @Operation(operationId = "getPracticeSettings", summary = "Read the practice settings")
    @GetMapping("/practice/settings")
    PracticeSettings settings(Actor actor) {
        return practices.settings(actor.practiceId());
    }
}
