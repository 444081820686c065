package com.servicedesk.intake.command;

import com.servicedesk.events.intake.Channel;
import com.servicedesk.events.intake.ComplaintCategory;
import com.servicedesk.events.intake.ComplaintRegisteredEvent;
import com.servicedesk.events.intake.Contact;
import com.servicedesk.events.intake.Region;
import com.servicedesk.events.intake.Severity;
import com.servicedesk.platform.validation.CommandValidationException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;

class ComplaintTest {
    /** Friday 2026-11-20 15:00 in Shanghai. */
    static final Instant NOW = Instant.parse("2026-11-20T07:00:00Z");
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    private FixtureConfiguration<Complaint> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Complaint.class);
        fixture.registerInjectableResource(policy());
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    static SlaPolicy policy() {
        return new SlaPolicy(Duration.ofHours(24), Duration.ofHours(48), 1, 3, 0.75,
                new WorkingCalendar(SHANGHAI, CalendarFixtures.HOLIDAYS_2026_2027, CalendarFixtures.MAKE_UP_DAYS_2026));
    }

    static RegisterComplaintCommand valid() {
        return new RegisterComplaintCommand("c-1", "CUST-42", "Jiangnan Machinery",
                new Contact("Li Wei", "+86 21 5555 0101", "li.wei@example.com"), Channel.PHONE, "HX-200",
                "SN-1", LocalDate.of(2025, 3, 1), ComplaintCategory.PRODUCT_QUALITY, Severity.HIGH,
                Region.OUT_OF_PROVINCE, "Spindle vibrates", null, null);
    }

    @Test
    void registrationIsAcceptedWithDeadlinesFromReceipt() {
        fixture.givenNoPriorActivity()
                .when(valid())
                .expectSuccessfulHandlerExecution()
                .expectEvents(new ComplaintRegisteredEvent("c-1", "CUST-42", "Jiangnan Machinery",
                        new Contact("Li Wei", "+86 21 5555 0101", "li.wei@example.com"), Channel.PHONE, "HX-200",
                        "SN-1", LocalDate.of(2025, 3, 1), ComplaintCategory.PRODUCT_QUALITY, Severity.HIGH,
                        Region.OUT_OF_PROVINCE, "Spindle vibrates", NOW, null,
                        NOW.plus(Duration.ofHours(24)), NOW.plus(Duration.ofHours(48))))
                // the caller learns the deadlines from the answer, without reading the event back
                .expectResultMessagePayload(new ComplaintRegistration("c-1", 0L, NOW.plus(Duration.ofHours(24)),
                        NOW.plus(Duration.ofHours(48))));
    }

    @Test
    void backdatedReceiptStartsEveryClockAtReceipt() {
        Instant letterArrived = NOW.minus(Duration.ofDays(3));
        RegisterComplaintCommand letter = with(c -> copy(c, letterArrived, null));
        fixture.givenNoPriorActivity()
                .when(letter)
                .expectEvents(eventFor(letter, letterArrived.plus(Duration.ofHours(48))));
    }

    @Test
    void replyIsDueAtTheEarlierOfTheRequestedDayAndFortyEightHours() {
        // asked for an answer "by today": end of Friday 2026-11-20 in Shanghai, 24:00 local = 16:00 UTC
        fixture.givenNoPriorActivity()
                .when(with(c -> copy(c, null, LocalDate.of(2026, 11, 20))))
                .expectEvents(eventFor(with(c -> copy(c, null, LocalDate.of(2026, 11, 20))),
                        Instant.parse("2026-11-20T16:00:00Z")));
    }

    @Test
    void aRequestedDayLaterThanFortyEightHoursKeepsTheLimit() {
        fixture.givenNoPriorActivity()
                .when(with(c -> copy(c, null, LocalDate.of(2026, 12, 31))))
                .expectEvents(eventFor(with(c -> copy(c, null, LocalDate.of(2026, 12, 31))), NOW.plus(Duration.ofHours(48))));
    }

    static Stream<Arguments> invalidCommands() {
        return Stream.of(
                Arguments.of("customerId", with(c -> new RegisterComplaintCommand(c.complaintId(), null, c.customerName(), c.contact(), c.channel(), c.productModel(), c.serialNumber(), c.deliveryDate(), c.category(), c.severity(), c.region(), c.description(), c.receivedAt(), c.replyRequestedBy()))),
                Arguments.of("customerId", with(c -> new RegisterComplaintCommand(c.complaintId(), "x".repeat(65), c.customerName(), c.contact(), c.channel(), c.productModel(), c.serialNumber(), c.deliveryDate(), c.category(), c.severity(), c.region(), c.description(), c.receivedAt(), c.replyRequestedBy()))),
                Arguments.of("customerName", with(c -> new RegisterComplaintCommand(c.complaintId(), c.customerId(), "  ", c.contact(), c.channel(), c.productModel(), c.serialNumber(), c.deliveryDate(), c.category(), c.severity(), c.region(), c.description(), c.receivedAt(), c.replyRequestedBy()))),
                Arguments.of("contact", with(c -> new RegisterComplaintCommand(c.complaintId(), c.customerId(), c.customerName(), null, c.channel(), c.productModel(), c.serialNumber(), c.deliveryDate(), c.category(), c.severity(), c.region(), c.description(), c.receivedAt(), c.replyRequestedBy()))),
                Arguments.of("contact.name", with(c -> new RegisterComplaintCommand(c.complaintId(), c.customerId(), c.customerName(), new Contact(null, "1", null), c.channel(), c.productModel(), c.serialNumber(), c.deliveryDate(), c.category(), c.severity(), c.region(), c.description(), c.receivedAt(), c.replyRequestedBy()))),
                Arguments.of("contact", with(c -> new RegisterComplaintCommand(c.complaintId(), c.customerId(), c.customerName(), new Contact("Li", " ", null), c.channel(), c.productModel(), c.serialNumber(), c.deliveryDate(), c.category(), c.severity(), c.region(), c.description(), c.receivedAt(), c.replyRequestedBy()))),
                Arguments.of("contact.email", with(c -> new RegisterComplaintCommand(c.complaintId(), c.customerId(), c.customerName(), new Contact("Li", null, "not-an-address"), c.channel(), c.productModel(), c.serialNumber(), c.deliveryDate(), c.category(), c.severity(), c.region(), c.description(), c.receivedAt(), c.replyRequestedBy()))),
                Arguments.of("channel", with(c -> new RegisterComplaintCommand(c.complaintId(), c.customerId(), c.customerName(), c.contact(), null, c.productModel(), c.serialNumber(), c.deliveryDate(), c.category(), c.severity(), c.region(), c.description(), c.receivedAt(), c.replyRequestedBy()))),
                Arguments.of("productModel", with(c -> new RegisterComplaintCommand(c.complaintId(), c.customerId(), c.customerName(), c.contact(), c.channel(), null, c.serialNumber(), c.deliveryDate(), c.category(), c.severity(), c.region(), c.description(), c.receivedAt(), c.replyRequestedBy()))),
                Arguments.of("serialNumber", with(c -> new RegisterComplaintCommand(c.complaintId(), c.customerId(), c.customerName(), c.contact(), c.channel(), c.productModel(), "s".repeat(101), c.deliveryDate(), c.category(), c.severity(), c.region(), c.description(), c.receivedAt(), c.replyRequestedBy()))),
                Arguments.of("deliveryDate", with(c -> new RegisterComplaintCommand(c.complaintId(), c.customerId(), c.customerName(), c.contact(), c.channel(), c.productModel(), c.serialNumber(), LocalDate.of(2027, 1, 1), c.category(), c.severity(), c.region(), c.description(), c.receivedAt(), c.replyRequestedBy()))),
                Arguments.of("category", with(c -> new RegisterComplaintCommand(c.complaintId(), c.customerId(), c.customerName(), c.contact(), c.channel(), c.productModel(), c.serialNumber(), c.deliveryDate(), null, c.severity(), c.region(), c.description(), c.receivedAt(), c.replyRequestedBy()))),
                Arguments.of("severity", with(c -> new RegisterComplaintCommand(c.complaintId(), c.customerId(), c.customerName(), c.contact(), c.channel(), c.productModel(), c.serialNumber(), c.deliveryDate(), c.category(), null, c.region(), c.description(), c.receivedAt(), c.replyRequestedBy()))),
                Arguments.of("region", with(c -> new RegisterComplaintCommand(c.complaintId(), c.customerId(), c.customerName(), c.contact(), c.channel(), c.productModel(), c.serialNumber(), c.deliveryDate(), c.category(), c.severity(), null, c.description(), c.receivedAt(), c.replyRequestedBy()))),
                Arguments.of("description", with(c -> new RegisterComplaintCommand(c.complaintId(), c.customerId(), c.customerName(), c.contact(), c.channel(), c.productModel(), c.serialNumber(), c.deliveryDate(), c.category(), c.severity(), c.region(), "", c.receivedAt(), c.replyRequestedBy()))),
                Arguments.of("description", with(c -> new RegisterComplaintCommand(c.complaintId(), c.customerId(), c.customerName(), c.contact(), c.channel(), c.productModel(), c.serialNumber(), c.deliveryDate(), c.category(), c.severity(), c.region(), "d".repeat(4001), c.receivedAt(), c.replyRequestedBy()))),
                Arguments.of("receivedAt", with(c -> copy(c, NOW.plus(Duration.ofMinutes(5)), null))),
                Arguments.of("replyRequestedBy", with(c -> copy(c, null, LocalDate.of(2026, 11, 19)))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidCommands")
    void eachInvalidOrMissingFieldIsRefusedByName(String field, RegisterComplaintCommand command) {
        fixture.givenNoPriorActivity()
                .when(command)
                .expectException(CommandValidationException.class)
                .expectExceptionMessage(allOf(containsString(field + ":")))
                .expectNoEvents();
    }

    @Test
    void everyInvalidFieldIsNamedAtOnce() {
        fixture.givenNoPriorActivity()
                .when(new RegisterComplaintCommand("c-2", null, null, null, null, null, null, null, null, null, null, null, null, null))
                .expectException(CommandValidationException.class)
                .expectExceptionMessage(allOf(containsString("customerId:"), containsString("customerName:"),
                        containsString("contact:"), containsString("channel:"), containsString("productModel:"),
                        containsString("category:"), containsString("severity:"), containsString("region:"),
                        containsString("description:")));
    }

    private static RegisterComplaintCommand with(UnaryOperator<RegisterComplaintCommand> change) {
        return change.apply(valid());
    }

    private static RegisterComplaintCommand copy(RegisterComplaintCommand c, Instant receivedAt, LocalDate replyRequestedBy) {
        return new RegisterComplaintCommand(c.complaintId(), c.customerId(), c.customerName(), c.contact(), c.channel(),
                c.productModel(), c.serialNumber(), c.deliveryDate(), c.category(), c.severity(), c.region(),
                c.description(), receivedAt, replyRequestedBy);
    }

    private static ComplaintRegisteredEvent eventFor(RegisterComplaintCommand c, Instant replyDueAt) {
        Instant receivedAt = c.receivedAt() == null ? NOW : c.receivedAt();
        return new ComplaintRegisteredEvent(c.complaintId(), c.customerId(), c.customerName(), c.contact(), c.channel(),
                c.productModel(), c.serialNumber(), c.deliveryDate(), c.category(), c.severity(), c.region(),
                c.description(), receivedAt, c.replyRequestedBy(), receivedAt.plus(Duration.ofHours(24)), replyDueAt);
    }
}
