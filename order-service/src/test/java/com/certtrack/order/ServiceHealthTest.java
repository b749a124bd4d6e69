package com.certtrack.order;

import com.certtrack.testsupport.CertTrackTestResource;
import com.certtrack.testsupport.ServiceHealthContract;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(CertTrackTestResource.class)
class ServiceHealthTest extends ServiceHealthContract {}
