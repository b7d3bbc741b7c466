package com.practicescheduler.command.patient;

import com.practicescheduler.api.patient.RegisterPatientCommand;
import com.practicescheduler.command.common.Ids;
import com.practicescheduler.platform.command.CommandSender;
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
import java.time.LocalDate;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "Patients")
@RestController
@RequestMapping("/api/v1/patients")
class PatientCommandController {

    private static final LocalDate EARLIEST_BIRTH = LocalDate.of(1900, 1, 1);

    private final CommandSender commands;

    PatientCommandController(CommandSender commands) {
        this.commands = commands;
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
}
