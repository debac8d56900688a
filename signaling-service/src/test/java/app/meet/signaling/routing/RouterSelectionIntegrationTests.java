package app.meet.signaling.routing;

import org.junit.jupiter.api.Test;

import app.meet.devstack.test.EmbeddedInfrastructure;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code meet.signaling.router=local}: a single instance needs no relay channel. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "meet.signaling.router=local")
@EmbeddedInfrastructure
class RouterSelectionIntegrationTests {

	@Autowired
	private ApplicationContext context;

	@Test
	void aSingleInstanceRoutesLocally() {
		assertThat(this.context.getBean(Router.class)).isInstanceOf(LocalRouter.class);
		assertThat(this.context.getBeansOfType(RedisRouter.class)).isEmpty();
	}

}
