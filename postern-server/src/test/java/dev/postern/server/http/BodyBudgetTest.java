package dev.postern.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BodyBudgetTest {
    static final long MIB = 1024 * 1024;

    @Test
    void oneLargeBodyAloneIsAlwaysTakenAndASecondWaitsForIt() {
        BodyBudget budget = new BodyBudget(16 * MIB);

        assertThat(budget.take(0, 20 * MIB)).isTrue();
        assertThat(budget.take(0, 2 * MIB)).as("a second large body").isFalse();
        budget.give(20 * MIB);
        assertThat(budget.take(0, 2 * MIB)).isTrue();
    }

    @Test
    void smallBodiesAreServedWhileLargeOnesHoldTheWholeBudget() {
        BodyBudget budget = new BodyBudget(16 * MIB);
        assertThat(budget.take(0, 20 * MIB)).isTrue();

        for (int i = 0; i < 100; i++) {
            assertThat(budget.take(0, 2 * 1024)).as("small body %d", i).isTrue();
        }
    }

    @Test
    void smallBodiesHaveAReserveOfTheirOwnAndNoMore() {
        BodyBudget budget = new BodyBudget(16 * MIB);
        long small = BodyBudget.SMALL;
        int taken = 0;
        while (budget.take(0, small)) {
            taken++;
        }

        assertThat(taken * small).isEqualTo(budget.reserve());
        assertThat(budget.take(0, 2 * MIB))
                .as("large bodies still have their part")
                .isTrue();
    }

    @Test
    void aBodyThatGrowsPastSmallMovesOutOfTheReserve() {
        BodyBudget budget = new BodyBudget(16 * MIB);

        assertThat(budget.take(0, 64 * 1024)).isTrue();
        assertThat(budget.take(64 * 1024, 20 * MIB)).isTrue();
        assertThat(budget.used()).isEqualTo(20 * MIB);
        budget.give(20 * MIB);
        assertThat(budget.used()).isZero();
    }
}
