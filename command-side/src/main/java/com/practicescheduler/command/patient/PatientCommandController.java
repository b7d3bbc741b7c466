package com.practicescheduler.command.patient;

import com.practicescheduler.api.error.ErrorCode;
import com.practicescheduler.api.patient.ContactPreferences;
import com.practicescheduler.api.patient.RegisterPatientCommand;
import com.practicescheduler.api.patient.SetContactPreferencesCommand;
import com.practicescheduler.command.common.Ids;
import com.practicescheduler.platform.command.CommandSender;
import com.practicescheduler.platform.openapi.Refuses;
import com.practicescheduler.platform.security.Actor;
import com.practicescheduler.platform.web.Created;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Past;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Clock;
import java.time.LocalDate;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "Patients")
@RestController
@RequestMapping("/api/v1/patients")
class PatientCommandController {

    private static final LocalDate EARLIEST_BIRTH = LocalDate.of(1900, 1, 1);

    private final CommandSender commands;
    private final Clock clock;

    PatientCommandController(CommandSender commands, Clock clock) {
        this.commands = commands;
        this.clock = clock;
    }

    record PatientRequest(@NotBlank @Size(max = 100) String firstName,
                          @NotBlank @Size(max = 100) String lastName,
                          @NotNull @Past LocalDate dateOfBirth,
                          @Email @Size(max = 254) String email,
                          @Pattern(regexp = "\\+?[0-9 ().-]{3,32}", message = "must be a phone number") String phone) {

        @AssertTrue(message = "dateOfBirth must be after 1900-01-01")
        boolean isBirthPlausible() {
            return dateOfBirth == null || dateOfBirth.isAfter(EARLIEST_BIRTH);
        }

        @Override
        public String toString() {
            return "PatientRequest[PHI omitted]";
        }
    }

    @Operation(operationId = "registerPatient", summary = "Register a patient")
    @ApiResponse(responseCode = "201", description = "Registered")
    @PostMapping
    @PreAuthorize("hasAnyRole('SCHEDULER','PRACTICE_ADMIN')")
    ResponseEntity<Created> register(Actor actor, @Valid @RequestBody PatientRequest request) {
        String patientId = Ids.next();
        commands.send(new RegisterPatientCommand(patientId, actor.practiceId(), request.firstName().strip(),
                request.lastName().strip(), request.dateOfBirth(), request.email(), request.phone()));
        return Created.at("/api/v1/patients/" + patientId, patientId);
    }

    /** Every field is required: consent is never assumed. */
    record ContactPreferencesRequest(@NotNull Boolean email, @NotNull Boolean sms, @NotNull Boolean reminders,
                                     @NotNull Boolean waitlistOffers) {

        ContactPreferences toPreferences() {
            return new ContactPreferences(email, sms, reminders, waitlistOffers);
        }
    }

    /** The consent recorded, who recorded it and when. */
    record ContactPreferencesResponse(String patientId, boolean email, boolean sms, boolean reminders,
                                      boolean waitlistOffers, String setBy, String setAt) {
    }

    @Operation(operationId = "setContactPreferences", summary = "Record a patient's consent and contact preferences")
    @Refuses({ErrorCode.NOT_FOUND})
    @PutMapping("/{patientId}/contact-preferences")
    @PreAuthorize("hasAnyRole('SCHEDULER','PRACTICE_ADMIN')")
    ContactPreferencesResponse setContactPreferences(Actor actor, @PathVariable String patientId,
                                                     @Valid @RequestBody ContactPreferencesRequest request) {
        ContactPreferences preferences = request.toPreferences();
        java.time.Instant at = clock.instant();
        commands.send(new SetContactPreferencesCommand(patientId, actor.practiceId(), preferences, actor.userId(),
                at));
        return new ContactPreferencesResponse(patientId, preferences.email(), preferences.sms(),
                preferences.reminders(), preferences.waitlistOffers(), actor.userId(), at.toString());
    }
}
