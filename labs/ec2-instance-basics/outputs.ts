/** The stack outputs of ec2-instance-basics: the contract between its stack and its observations. */
import { defineOutputs } from '../../lib/lab-kit/core/outputs';

export const OUTPUTS = defineOutputs({
  DetailedInstanceId: 'The instance with detailed monitoring and an instance profile role (its data volume is the one the checks grow)',
  BasicInstanceId: 'The instance with basic monitoring and no instance profile',
  VpcId: "The lab's VPC (its default security group, and where the checks create a throwaway one)",
  SubnetId: 'The subnet where the termination check launches its own instance',
  LaunchSecurityGroupId: 'The security group the termination check gives its instance (no inbound rules)',
  ImageId: 'The Amazon Linux 2023 arm64 AMI, resolved from its SSM public parameter at deploy time',
});
