// Loads the types of aws-sdk-client-mock-jest's matchers (registered in jest.config.js).
import 'aws-sdk-client-mock-jest';
